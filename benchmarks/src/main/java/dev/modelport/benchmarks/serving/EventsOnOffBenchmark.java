package dev.modelport.benchmarks.serving;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serving with inference events off and on (issue 12): two packaged servers side by side, both
 * pinned to the same core ({@code bench.events.server-cpus}, default 1) with {@code
 * breast-cancer-mlp} version 1 only; one without {@code kafka.bootstrap.servers} (events off), one
 * publishing every request ({@code sample-rate} 1.0) to an embedded broker in a process of its own.
 * The load generator (this JVM) and the broker are pinned to the other core ({@code
 * bench.events.client-cpus}, default 0; run this JVM under {@code taskset -c 0}). Load: 64
 * outstanding 1-row gRPC requests (saturated), in interleaved slices off, on, off, on, … so that
 * the machine's drifting spare CPU hits both alike. Per slice: throughput, p50/p99, the CPU used by
 * the server, the generator and the broker (in cores, from {@code /proc/<pid>/stat}), and the
 * events published and dropped. Writes the section "serving-service: inference events on vs off" of
 * {@code docs/benchmarks.md}.
 */
public final class EventsOnOffBenchmark {

  static final String HEADING = "## serving-service: inference events on vs off";
  static final String MODEL = "breast-cancer-mlp";
  static final int CLIENTS = 64;

  private final int rounds = Integer.getInteger("bench.events.rounds", 3);
  private final Duration jitWarmup =
      Duration.ofSeconds(Integer.getInteger("bench.events.jit-warmup-s", 20));
  private final Duration sliceWarmup = Duration.ofSeconds(2);
  private final Duration slice = Duration.ofSeconds(Integer.getInteger("bench.events.slice-s", 8));
  private final String serverCpus = System.getProperty("bench.events.server-cpus", "1");
  private final String clientCpus = System.getProperty("bench.events.client-cpus", "0");
  private final Path jar =
      Path.of(
          System.getProperty("bench.jar", "serving-service/target/quarkus-app/quarkus-run.jar"));
  private final Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));

  /** One measured slice. */
  record Slice(
      int round,
      boolean events,
      LoadResult load,
      double serverCores,
      double clientCores,
      double brokerCores,
      double published,
      double dropped) {}

  public static void main(String[] args) throws Exception {
    new EventsOnOffBenchmark().run();
    System.exit(0);
  }

  void run() throws Exception {
    Path work = Files.createTempDirectory("events-bench");
    Path models = breastCancerOnly(work);
    List<Slice> slices = new ArrayList<>();
    int[] offPorts = FreePorts.next(2);
    int[] onPorts = FreePorts.next(2);
    try (BrokerProcess broker =
            BrokerProcess.start(work.resolve("kafka"), "modelport.inference-events", clientCpus);
        ServerProcess off =
            ServerProcess.start(
                jar, models, "events-off", Map.of(), offPorts[0], offPorts[1], serverCpus);
        ServerProcess on =
            ServerProcess.start(
                jar,
                models,
                "events-on",
                Map.of(
                    "kafka.bootstrap.servers",
                    broker.bootstrapServers(),
                    "modelport.serving.events.sample-rate",
                    "1.0"),
                onPorts[0],
                onPorts[1],
                serverCpus);
        V2Clients offClients = new V2Clients("127.0.0.1", offPorts[0], offPorts[1]);
        V2Clients onClients = new V2Clients("127.0.0.1", onPorts[0], onPorts[1])) {
      List<Tensor> row = List.of(row());
      Supplier<java.util.concurrent.CompletableFuture<?>> offCall = offClients.grpcRaw(MODEL, row);
      Supplier<java.util.concurrent.CompletableFuture<?>> onCall = onClients.grpcRaw(MODEL, row);
      ServingBenchmark.log("JIT warm-up, " + jitWarmup.toSeconds() + " s per server");
      OpenLoopLoad.run("warm-up", 0, CLIENTS, 1, jitWarmup, Duration.ofSeconds(1), offCall);
      OpenLoopLoad.run("warm-up", 0, CLIENTS, 1, jitWarmup, Duration.ofSeconds(1), onCall);
      for (int round = 1; round <= rounds; round++) {
        slices.add(measure(round, false, off, offClients, offCall, broker));
        slices.add(measure(round, true, on, onClients, onCall, broker));
      }
    }
    String section = markdown(slices);
    ReportSection.write(out, HEADING, section);
    System.out.println(section);
  }

  private Slice measure(
      int round,
      boolean events,
      ServerProcess server,
      V2Clients clients,
      Supplier<java.util.concurrent.CompletableFuture<?>> call,
      BrokerProcess broker)
      throws Exception {
    long self = ProcessHandle.current().pid();
    double published0 = clients.metricSum("modelport_events_published_total", "");
    double dropped0 = clients.metricSum("modelport_events_dropped_total", "");
    double server0 = server.cpuSeconds();
    double client0 = ServerProcess.cpuSeconds(self);
    double broker0 = broker.cpuSeconds();
    long start = System.nanoTime();
    LoadResult r =
        OpenLoopLoad.run(
            events ? "events on" : "events off", 0, CLIENTS, 1, sliceWarmup, slice, call);
    double wall = (System.nanoTime() - start) / 1e9;
    Slice s =
        new Slice(
            round,
            events,
            r,
            (server.cpuSeconds() - server0) / wall,
            (ServerProcess.cpuSeconds(self) - client0) / wall,
            (broker.cpuSeconds() - broker0) / wall,
            clients.metricSum("modelport_events_published_total", "") - published0,
            clients.metricSum("modelport_events_dropped_total", "") - dropped0);
    ServingBenchmark.log(
        String.format(
            Locale.ROOT,
            "round %d, events %s: %.0f req/s, p99 %.2f ms, server %.2f cores, generator %.2f,"
                + " broker %.2f, published %.0f, dropped %.0f, errors %d",
            round,
            events ? "on" : "off",
            r.requestsPerSecond(),
            r.millis(99),
            s.serverCores(),
            s.clientCores(),
            s.brokerCores(),
            s.published(),
            s.dropped(),
            r.errors()));
    return s;
  }

  /** A repository holding only breast-cancer-mlp's ONNX version (no PyTorch engine to load). */
  private static Path breastCancerOnly(Path work) throws IOException {
    Path source = Path.of("examples/models", MODEL);
    Path dir = Files.createDirectories(work.resolve("models").resolve(MODEL));
    Files.copy(source.resolve("model.onnx"), dir.resolve("model.onnx"));
    List<String> yaml = new ArrayList<>();
    for (String line : Files.readAllLines(source.resolve("model.yaml"))) {
      if (!line.trim().startsWith("2: model.pt")) {
        yaml.add(line);
      }
    }
    Files.write(dir.resolve("model.yaml"), yaml);
    return work.resolve("models");
  }

  private static Tensor row() {
    float[] data = new float[30];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 7) / 7f;
    }
    return new Tensor("input", DataType.FP32, new long[] {1, 30}, data);
  }

  private String markdown(List<Slice> slices) {
    StringBuilder md = new StringBuilder();
    md.append(HEADING).append("\n\n");
    md.append(
        "Target (issue 12): serving throughput and p99 with inference events on (sample rate"
            + " 1.0) within 10 % of events off; breast-cancer-mlp, gRPC, 64 clients, 1-row"
            + " requests.\n\n");
    md.append(
        "Command (from the repository root): `./mvnw -q -pl serving-service -am package"
            + " -DskipTests`, `./mvnw -q -pl benchmarks -am package -DskipTests"
            + " dependency:build-classpath -Dmdep.outputFile=target/classpath.txt` (one reactor run,"
            + " so that the class path names the modules' jars in this checkout), then `taskset -c 0"
            + " java -cp"
            + " benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
            + " dev.modelport.benchmarks.serving.EventsOnOffBenchmark` (properties"
            + " `bench.events.rounds`, `bench.events.slice-s`, `bench.events.jit-warmup-s`,"
            + " `bench.events.server-cpus`, `bench.events.client-cpus`).\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Method: two packaged servers (`-Xmx1g`, `MALLOC_ARENA_MAX=2`, local source with"
                + " breast-cancer-mlp version 1 only, the examples' batching: up to 64 rows, one"
                + " intra-op thread) run side by side under `taskset -c %s`; the one with events"
                + " has `kafka.bootstrap.servers` set to an embedded Kafka broker (the"
                + " `embedded-kafka` module, its own JVM, `taskset -c %s`), the other none."
                + " The generator (`OpenLoopLoad`, 4 gRPC connections, saturated: 64 requests"
                + " outstanding) runs in the benchmark JVM on core %s. After %d s of load on each"
                + " server for the JIT, %d rounds of two slices (off, then on), each %d s"
                + " warm-up + %d s measured. CPU is each process's user + system time over the"
                + " slice divided by its length (1.00 = one core busy).\n\n",
            serverCpus,
            clientCpus,
            clientCpus,
            jitWarmup.toSeconds(),
            rounds,
            sliceWarmup.toSeconds(),
            slice.toSeconds()));
    md.append("Machine: ")
        .append(
            BenchmarkReport.machine()
                .replaceFirst(
                    "^\\d+ cores \\(`nproc`\\)",
                    onlineCpus()
                        + " cores (online CPUs; "
                        + Runtime.getRuntime().availableProcessors()
                        + " visible to the pinned benchmark JVM)"))
        .append(".\n\n");
    md.append(
        "| round | events | req/s | p50 (ms) | p99 (ms) | errors | server CPU | generator CPU |"
            + " broker CPU | events published | dropped |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Slice s : slices) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %.0f | %.2f | %.2f | %d | %.2f | %.2f | %.2f | %.0f | %.0f |\n",
              s.round(),
              s.events() ? "on" : "off",
              s.load().requestsPerSecond(),
              s.load().millis(50),
              s.load().millis(99),
              s.load().errors(),
              s.serverCores(),
              s.clientCores(),
              s.brokerCores(),
              s.published(),
              s.dropped()));
    }
    List<Double> offRate = new ArrayList<>();
    List<Double> onRate = new ArrayList<>();
    List<Double> offP99 = new ArrayList<>();
    List<Double> onP99 = new ArrayList<>();
    for (Slice s : slices) {
      (s.events() ? onRate : offRate).add(s.load().requestsPerSecond());
      (s.events() ? onP99 : offP99).add(s.load().millis(99));
    }
    double offMedian = median(offRate);
    double onMedian = median(onRate);
    double offP99Median = median(offP99);
    double onP99Median = median(onP99);
    md.append("\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Medians over %d rounds (spread min–max): events off **%.0f req/s** (%.0f–%.0f), p99"
                + " %.2f ms (%.2f–%.2f); events on **%.0f req/s** (%.0f–%.0f), p99 %.2f ms"
                + " (%.2f–%.2f). On / off: throughput **%.0f %%**, p99 **%.0f %%**; target"
                + " within 10 %%: %s.\n",
            rounds,
            offMedian,
            Collections.min(offRate),
            Collections.max(offRate),
            offP99Median,
            Collections.min(offP99),
            Collections.max(offP99),
            onMedian,
            Collections.min(onRate),
            Collections.max(onRate),
            onP99Median,
            Collections.min(onP99),
            Collections.max(onP99),
            100 * onMedian / offMedian,
            100 * onP99Median / offP99Median,
            verdict(offRate, onMedian, offMedian, onP99Median, offP99Median)));
    return md.toString();
  }

  /**
   * "met" or "not met"; "inconclusive" when the off slices alone spread by more than 1.5× (the
   * machine's spare CPU changed under the run, so a 10 % difference cannot be told apart).
   */
  private static String verdict(
      List<Double> offRate, double onMedian, double offMedian, double onP99, double offP99) {
    if (Collections.max(offRate) > 1.5 * Collections.min(offRate)) {
      return "inconclusive, the events-off slices alone spread by "
          + String.format(Locale.ROOT, "%.1f×", Collections.max(offRate) / Collections.min(offRate))
          + " (the machine's spare CPU changed during the run)";
    }
    return onMedian >= 0.9 * offMedian && onP99 <= 1.1 * offP99 ? "met" : "not met";
  }

  /** The machine's online CPUs ({@code /sys/devices/system/cpu/online}, e.g. {@code 0-1}). */
  private static String onlineCpus() {
    try {
      int n = 0;
      for (String range :
          Files.readString(Path.of("/sys/devices/system/cpu/online")).trim().split(",")) {
        String[] ends = range.split("-");
        n += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
      }
      return Integer.toString(n);
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}

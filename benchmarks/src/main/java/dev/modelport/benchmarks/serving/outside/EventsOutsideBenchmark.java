package dev.modelport.benchmarks.serving.outside;

import dev.modelport.benchmarks.serving.BrokerProcess;
import dev.modelport.benchmarks.serving.ServerProcess;
import dev.modelport.benchmarks.serving.V2Clients;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.testsupport.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server CPU cost of inference events, measured from outside: two packaged servers pinned to
 * the server's cores ({@code taskset -c}), breast-cancer-mlp with batching on (as the gRPC
 * batching-on row of {@link OutsideServingBenchmark}), one with {@code kafka.bootstrap.servers} set
 * to an embedded broker ({@link BrokerProcess}, pinned with the generator), one without. {@code
 * h2load} (4 connections × 16 streams, a prebuilt 1-row {@code ModelInfer} body) loads them in
 * turn; the figure is the server's CPU time per answered request ({@code /proc/<pid>/stat} around
 * the run). Prints one line per round and slice and the medians; writes nothing.
 *
 * <p>Properties: {@code bench.outside.server-cpus} (1), {@code bench.outside.generator-cpus} (0,
 * the broker too), {@code bench.outside.rounds} (3), {@code bench.outside.seconds} (10), {@code
 * bench.outside.warmup-seconds} (20), {@code bench.events.on-jvm-options} (extra JVM options of the
 * events-on server only, e.g. {@code
 * -XX:StartFlightRecording=filename=/tmp/on.jfr,settings=profile}), {@code bench.events.only-on}
 * ({@code false}: skip the events-off server), {@code bench.jar}, {@code bench.models}.
 */
public final class EventsOutsideBenchmark {

  private static final String MODEL = "breast-cancer-mlp";
  private static final String TOPIC = "modelport.inference-events";

  private final String serverCpus = System.getProperty("bench.outside.server-cpus", "1");
  private final String generatorCpus = System.getProperty("bench.outside.generator-cpus", "0");
  private final int rounds = Integer.getInteger("bench.outside.rounds", 3);
  private final int seconds = Integer.getInteger("bench.outside.seconds", 10);
  private final int warmupSeconds = Integer.getInteger("bench.outside.warmup-seconds", 20);
  private final String onJvmOptions = System.getProperty("bench.events.on-jvm-options", "");
  private final boolean onlyOn = Boolean.getBoolean("bench.events.only-on");
  private final Path jar =
      Path.of(
          System.getProperty("bench.jar", "serving-service/target/quarkus-app/quarkus-run.jar"));
  private final Path models = Path.of(System.getProperty("bench.models", "examples/models"));
  private final Path work = Path.of("benchmarks/target/events-outside");

  public static void main(String[] args) throws Exception {
    new EventsOutsideBenchmark().run();
    System.exit(0);
  }

  /** One measured slice. */
  private record Slice(
      double cpuMicros, double throughput, double p99Micros, long errors, double switches) {}

  void run() throws Exception {
    Files.createDirectories(work);
    float[] data = new float[30];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 7) / 7f;
    }
    List<Tensor> row = List.of(new Tensor("input", DataType.FP32, new long[] {1, 30}, data));
    Path body = work.resolve("breast.grpc");
    Files.write(body, GrpcFrame.modelInfer(MODEL, row));
    Path brokerDir = Files.createTempDirectory(work, "broker-");
    log("load average " + loadAverage());
    try (BrokerProcess broker = BrokerProcess.start(brokerDir, TOPIC, generatorCpus)) {
      Map<String, String> common =
          Map.of("modelport.serving.models", MODEL, "modelport.serving.batching-enabled", "true");
      Map<String, String> onProps = new HashMap<>(common);
      onProps.put("kafka.bootstrap.servers", broker.bootstrapServers());
      int[] onPorts = FreePorts.next(2);
      int[] offPorts = FreePorts.next(2);
      String saved = System.getProperty("bench.server.jvm-options", "");
      System.setProperty("bench.server.jvm-options", saved + " " + onJvmOptions);
      ServerProcess on =
          ServerProcess.start(
              jar, models, "events-on", onProps, onPorts[0], onPorts[1], serverCpus);
      System.setProperty("bench.server.jvm-options", saved);
      ServerProcess off =
          onlyOn
              ? null
              : ServerProcess.start(
                  jar, models, "events-off", common, offPorts[0], offPorts[1], serverCpus);
      try {
        long response = responseBytes(onPorts, row);
        log("JIT warm-up: " + warmupSeconds + " s per server");
        grpc(on, onPorts, body, warmupSeconds, response);
        if (off != null) {
          grpc(off, offPorts, body, warmupSeconds, response);
        }
        List<Slice> onSlices = new ArrayList<>();
        List<Slice> offSlices = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          if (off != null) {
            offSlices.add(
                report("round " + round + " off", grpc(off, offPorts, body, seconds, response)));
          }
          double published0 = published(onPorts, "modelport_events_published_total");
          double dropped0 = published(onPorts, "modelport_events_dropped_total");
          Slice s = grpc(on, onPorts, body, seconds, response);
          report("round " + round + " on ", s);
          log(
              String.format(
                  Locale.ROOT,
                  "    events published %.0f, dropped %.0f (counted by the end of the slice)",
                  published(onPorts, "modelport_events_published_total") - published0,
                  published(onPorts, "modelport_events_dropped_total") - dropped0));
          onSlices.add(s);
        }
        if (off != null) {
          summary("off", offSlices);
        }
        summary("on ", onSlices);
        log("load average " + loadAverage());
      } finally {
        on.close();
        if (off != null) {
          off.close();
        }
      }
    }
  }

  private Slice grpc(ServerProcess server, int[] ports, Path body, int duration, long response)
      throws Exception {
    Path requestLog = work.resolve("h2load-requests.tsv");
    Files.deleteIfExists(requestLog);
    List<String> cmd =
        List.of(
            "h2load",
            "-t1",
            "-D",
            Integer.toString(duration),
            "-c4",
            "-m16",
            "-d",
            body.toString(),
            "-H",
            "content-type: application/grpc",
            "-H",
            "te: trailers",
            "--log-file=" + requestLog,
            "http://127.0.0.1:" + ports[1] + GrpcFrame.MODEL_INFER_PATH);
    long switches0 = contextSwitches(server.pid());
    ProcStat before = ProcStat.read(server.pid());
    GeneratorRun g = GeneratorRun.run(generatorCpus, cmd, work, duration + 120L);
    ProcStat after = ProcStat.read(server.pid());
    long switches = contextSwitches(server.pid()) - switches0;
    H2loadOutput h = H2loadOutput.parse(g.output());
    double[] p = H2loadOutput.percentiles(requestLog, 99);
    long errors = h.grpcErrors(response);
    long completed = h.done() - errors;
    double cpu =
        ClockTicks.seconds(after.ownTicks() - before.ownTicks()) * 1e6 / Math.max(1, completed);
    return new Slice(
        cpu,
        completed / h.seconds(),
        p.length > 0 ? p[0] : Double.NaN,
        errors,
        switches / (double) Math.max(1, completed));
  }

  /**
   * Context switches (voluntary and not) of all of the process's threads so far, from {@code
   * /proc/<pid>/task/<tid>/status}; threads that ended are not counted.
   */
  private static long contextSwitches(long pid) throws java.io.IOException {
    long total = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (java.io.IOException e) {
          // the thread ended meanwhile
        }
      }
    }
    return total;
  }

  private static Slice report(String label, Slice s) {
    log(
        String.format(
            Locale.ROOT,
            "  %s: server CPU %.1f µs/request, %.0f req/s, p99 %.2f ms, errors %d, %.2f context"
                + " switches/request",
            label,
            s.cpuMicros(),
            s.throughput(),
            s.p99Micros() / 1000,
            s.errors(),
            s.switches()));
    return s;
  }

  private static void summary(String label, List<Slice> slices) {
    log(
        String.format(
            Locale.ROOT,
            "median events %s: server CPU %.1f µs/request, %.0f req/s, p99 %.2f ms, %.2f context"
                + " switches/request",
            label,
            median(slices.stream().mapToDouble(Slice::cpuMicros).toArray()),
            median(slices.stream().mapToDouble(Slice::throughput).toArray()),
            median(slices.stream().mapToDouble(Slice::p99Micros).toArray()) / 1000,
            median(slices.stream().mapToDouble(Slice::switches).toArray())));
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double published(int[] ports, String metric) throws Exception {
    try (V2Clients clients = new V2Clients("127.0.0.1", ports[0], ports[1], 1)) {
      return clients.metricSum(metric, "");
    }
  }

  private static long responseBytes(int[] ports, List<Tensor> inputs) throws Exception {
    try (V2Clients clients = new V2Clients("127.0.0.1", ports[0], ports[1], 1)) {
      ModelInferResponse r =
          (ModelInferResponse) clients.grpcRaw(MODEL, inputs).get().get(60, TimeUnit.SECONDS);
      return r.getSerializedSize() + 5L;
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  static void log(String message) {
    System.out.println("[events-outside] " + message);
  }
}

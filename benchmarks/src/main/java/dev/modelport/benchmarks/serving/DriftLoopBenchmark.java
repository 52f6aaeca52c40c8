package dev.modelport.benchmarks.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The whole loop's throughput (issue 12): rows per second from serving requests to evaluated drift
 * windows. The suite as the e2e tests run it, every part a process of its own: an embedded Kafka
 * broker, the packaged registry (H2, security off) with {@code breast-cancer-mlp} version 1, its
 * training data and {@code champion}; serving with the registry source and events on (sample rate
 * 1.0); drift-monitor with windows of {@code bench.loop.window-rows} rows (default 64,000). Load:
 * gRPC requests of 64 rows of the model's training data, {@code bench.loop.concurrency} (default
 * 16) outstanding, as fast as the setup takes them. A round sends {@code bench.loop.windows}
 * windows' worth of rows (default 10); its time runs from the first send to the {@code evaluatedAt}
 * of the window that completes the round's rows in drift-monitor's API. Warm-up: two windows'
 * worth, evaluated, before the first round. Writes the section "the loop: serving to evaluated
 * drift windows" of {@code docs/benchmarks.md}.
 */
public final class DriftLoopBenchmark {

  static final String HEADING = "## the loop: serving to evaluated drift windows";
  static final String MODEL = "breast-cancer-mlp";
  static final int ROWS_PER_REQUEST = 64;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int windowRows = Integer.getInteger("bench.loop.window-rows", 16_000);
  private final int windowsPerRound = Integer.getInteger("bench.loop.windows", 5);
  private final int rounds = Integer.getInteger("bench.loop.rounds", 2);
  private final int concurrency = Integer.getInteger("bench.loop.concurrency", 16);
  private final Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * One round: rows sent, events serving dropped (Kafka did not acknowledge them in time), rows
   * evaluated by drift-monitor, how long sending took and how long until the last window was
   * evaluated.
   */
  record Round(
      long rows,
      long errors,
      long droppedEvents,
      long evaluatedRows,
      double sendSeconds,
      double loopSeconds,
      Map<String, Double> cores) {}

  public static void main(String[] args) throws Exception {
    new DriftLoopBenchmark().run();
    System.exit(0);
  }

  void run() throws Exception {
    if (windowRows % ROWS_PER_REQUEST != 0) {
      throw new IllegalArgumentException("bench.loop.window-rows must be a multiple of 64");
    }
    Path work = Files.createTempDirectory("loop-bench");
    Path logs = Files.createDirectories(Path.of("benchmarks/target").toAbsolutePath());
    int[] ports = FreePorts.next(4);
    URI registryUri = URI.create("http://127.0.0.1:" + ports[0]);
    URI driftUri = URI.create("http://127.0.0.1:" + ports[2]);
    List<Round> results = new ArrayList<>();
    try (BrokerProcess broker =
            BrokerProcess.start(work.resolve("kafka"), "modelport.inference-events", null);
        PackagedService registry =
            PackagedService.of("registry-service")
                .httpPort(ports[0])
                .workDir(work)
                .log(logs.resolve("loop-registry.log"))
                .property("modelport.registry.data-dir", work.resolve("registry"))
                .property("modelport.registry.security.enabled", false)
                .jvmArg("-Xmx256m")
                .start();
        RegistryClient client = RegistryClient.builder(registryUri).build()) {
      register(client);
      try (PackagedService serving =
              PackagedService.of("serving-service")
                  .httpPort(ports[1])
                  .readiness(URI.create("http://127.0.0.1:" + ports[1] + "/q/health/live"))
                  .workDir(work)
                  .log(logs.resolve("loop-serving.log"))
                  .property("quarkus.grpc.server.port", ports[3])
                  .property("quarkus.grpc.server.host", "127.0.0.1")
                  .property("modelport.serving.source", "registry")
                  .property("modelport.serving.registry.url", registryUri)
                  .property("modelport.serving.cache-dir", work.resolve("serving-cache"))
                  .property("kafka.bootstrap.servers", broker.bootstrapServers())
                  .property("modelport.serving.events.sample-rate", "1.0")
                  .env("MALLOC_ARENA_MAX", "2")
                  .jvmArg("-Xmx1g")
                  .start();
          PackagedService drift =
              PackagedService.of("drift-monitor")
                  .httpPort(ports[2])
                  .workDir(work)
                  .log(logs.resolve("loop-drift-monitor.log"))
                  .property("modelport.drift.consumer.bootstrap-servers", broker.bootstrapServers())
                  .property("modelport.drift.registry.url", registryUri)
                  .property("modelport.drift.history-size", 1000)
                  .property("modelport.drift.models.\"" + MODEL + "\".window.max-rows", windowRows)
                  .property("modelport.drift.models.\"" + MODEL + "\".window.max-duration", "30m")
                  .jvmArg("-Xmx1g")
                  .start();
          V2Clients clients = new V2Clients("127.0.0.1", ports[1], ports[3])) {
        awaitStatus(URI.create("http://127.0.0.1:" + ports[1] + "/v2/models/" + MODEL + "/ready"));
        List<Supplier<CompletableFuture<?>>> calls = requests(clients);
        Map<String, Long> pids =
            Map.of(
                "serving", serving.process().pid(),
                "drift-monitor", drift.process().pid(),
                "registry", registry.process().pid(),
                "generator", ProcessHandle.current().pid());
        ServingBenchmark.log("warm-up: 1 window");
        Round warm = round(calls, windowRows, driftUri, pids, broker, clients);
        ServingBenchmark.log(describe(warm));
        for (int r = 0; r < rounds; r++) {
          long rows = (long) windowsPerRound * windowRows;
          Round round = round(calls, rows, driftUri, pids, broker, clients);
          ServingBenchmark.log("round " + (r + 1) + ": " + describe(round));
          results.add(round);
        }
      }
    }
    String section = markdown(results);
    ReportSection.write(out, HEADING, section);
    System.out.println(section);
  }

  /** Rows of all events Kafka acknowledged so far; the full windows of them are evaluated. */
  private long publishedRows;

  private long evaluatedTarget;

  /**
   * Sends {@code rows} rows; once serving has published or dropped every event of them, waits until
   * drift-monitor evaluated every full window of the published rows.
   */
  private Round round(
      List<Supplier<CompletableFuture<?>>> calls,
      long rows,
      URI drift,
      Map<String, Long> pids,
      BrokerProcess broker,
      V2Clients serving)
      throws Exception {
    double published0 = serving.metricSum("modelport_events_published_total", "");
    double dropped0 = serving.metricSum("modelport_events_dropped_total", "");
    Map<String, Double> cpu0 = cpu(pids, broker);
    Semaphore slots = new Semaphore(concurrency);
    AtomicLong errors = new AtomicLong();
    Instant start = Instant.now();
    long started = System.nanoTime();
    long requests = rows / ROWS_PER_REQUEST;
    for (long i = 0; i < requests; i++) {
      slots.acquire();
      CompletableFuture<?> f;
      try {
        f = calls.get((int) (i % calls.size())).get();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete(
          (r, failure) -> {
            if (failure != null) {
              errors.incrementAndGet();
            }
            slots.release();
          });
    }
    slots.acquire(concurrency);
    slots.release(concurrency);
    double sendSeconds = (System.nanoTime() - started) / 1e9;
    long requestsDone = requests - errors.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    double published;
    double dropped;
    do {
      TimeUnit.MILLISECONDS.sleep(100); // serving's sender thread settles each event in <= 15 s
      published = serving.metricSum("modelport_events_published_total", "") - published0;
      dropped = serving.metricSum("modelport_events_dropped_total", "") - dropped0;
    } while (published + dropped < requestsDone && System.nanoTime() < deadline);
    publishedRows += (long) published * ROWS_PER_REQUEST;
    long target = publishedRows / windowRows * windowRows;
    long evaluatedRows = target - evaluatedTarget;
    evaluatedTarget = target;
    Instant last = awaitEvaluated(drift, target, Duration.ofMinutes(3));
    double loopSeconds = Duration.between(start, last).toNanos() / 1e9;
    Map<String, Double> cpu1 = cpu(pids, broker);
    Map<String, Double> cores = new java.util.TreeMap<>();
    double wall = (System.nanoTime() - started) / 1e9;
    cpu1.forEach((k, v) -> cores.put(k, (v - cpu0.get(k)) / wall));
    return new Round(
        rows, errors.get(), (long) dropped, evaluatedRows, sendSeconds, loopSeconds, cores);
  }

  /** The evaluatedAt of the window with which drift-monitor's windows hold {@code rows} rows. */
  private Instant awaitEvaluated(URI drift, long rows, Duration within) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(drift.resolve("/api/v1/drift/" + MODEL + "/versions/1"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        long total = 0;
        Instant last = Instant.EPOCH;
        for (JsonNode w : JSON.readTree(r.body()).path("recent")) {
          total += w.path("rows").asLong();
          Instant at = Instant.parse(w.path("evaluatedAt").asText());
          last = at.isAfter(last) ? at : last;
        }
        if (total >= rows) {
          return last;
        }
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling drift-monitor's API, a benchmark, not a test
    }
    throw new IllegalStateException("drift-monitor did not evaluate " + rows + " rows in time");
  }

  private static Map<String, Double> cpu(Map<String, Long> pids, BrokerProcess broker)
      throws Exception {
    Map<String, Double> cpu = new java.util.TreeMap<>();
    for (Map.Entry<String, Long> e : pids.entrySet()) {
      cpu.put(e.getKey(), ServerProcess.cpuSeconds(e.getValue()));
    }
    cpu.put("broker", broker.cpuSeconds());
    return cpu;
  }

  /** Eight different 64-row requests of the training data, in turn. */
  private static List<Supplier<CompletableFuture<?>>> requests(V2Clients clients) {
    CsvTable train = ExampleModels.csv(MODEL, "train.csv");
    int features = train.header().size() - 1;
    List<Supplier<CompletableFuture<?>>> calls = new ArrayList<>();
    for (int block = 0; block < 8; block++) {
      float[] data = new float[ROWS_PER_REQUEST * features];
      for (int r = 0; r < ROWS_PER_REQUEST; r++) {
        double[] row = train.rows()[(block * ROWS_PER_REQUEST + r) % train.size()];
        for (int c = 0; c < features; c++) {
          data[r * features + c] = (float) row[c];
        }
      }
      Tensor input =
          new Tensor("input", DataType.FP32, new long[] {ROWS_PER_REQUEST, features}, data);
      calls.add(clients.grpcRaw(MODEL, List.of(input)));
    }
    return calls;
  }

  private static void register(RegistryClient client) {
    client.createModel(new NewModel(MODEL, "drift loop benchmark", Map.of()));
    Path folder = ExampleModels.dir(MODEL);
    VersionMetadata metadata =
        new VersionMetadata(
            ArtifactFormat.ONNX, null, null, null, Map.of(), Map.of(), null, Map.of(), null);
    ModelVersion v =
        client.uploadVersion(
            MODEL,
            VersionUpload.of(folder.resolve("model.onnx"), metadata)
                .withModelYaml(folder.resolve("model.yaml"))
                .withTrainingData(folder.resolve("train.csv")));
    client.setAlias(MODEL, "champion", v.version());
  }

  private void awaitStatus(URI uri) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < until) {
      try {
        if (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not up yet
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException(uri + " did not answer 200");
  }

  private static String describe(Round r) {
    return String.format(
        Locale.ROOT,
        "%d rows: sent in %.2f s (%.0f rows/s), %d events dropped, %d rows evaluated after %.2f s"
            + " (%.0f rows/s), %d errors, cores %s",
        r.rows(),
        r.sendSeconds(),
        r.rows() / r.sendSeconds(),
        r.droppedEvents(),
        r.evaluatedRows(),
        r.loopSeconds(),
        r.evaluatedRows() / r.loopSeconds(),
        r.errors(),
        r.cores());
  }

  private String markdown(List<Round> rounds) {
    StringBuilder md = new StringBuilder();
    md.append(HEADING).append("\n\n");
    md.append(
        "Figure asked for (issue 12): rows per second from serving requests to evaluated drift"
            + " windows on this machine.\n\n");
    md.append(
        "Command (from the repository root): `./mvnw -q -pl"
            + " registry-service,serving-service,drift-monitor -am package -DskipTests`, `./mvnw -q"
            + " -pl benchmarks -am package -DskipTests dependency:build-classpath"
            + " -Dmdep.outputFile=target/classpath.txt` (one reactor run, so that the class path"
            + " names the modules' jars in this checkout), then `java -cp"
            + " benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
            + " dev.modelport.benchmarks.serving.DriftLoopBenchmark` (properties"
            + " `bench.loop.window-rows`, `bench.loop.windows`, `bench.loop.rounds`,"
            + " `bench.loop.concurrency`).\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Method: every part a process, as the e2e tests run them: an embedded Kafka broker"
                + " (its own JVM), the packaged registry (H2, `-Xmx256m`) with breast-cancer-mlp"
                + " version 1, its training data and `champion`; serving (`-Xmx1g`, registry"
                + " source, events on at sample rate 1.0); drift-monitor (`-Xmx1g`, windows of"
                + " %,d rows, the default methods against the training data's baseline). The"
                + " generator (this JVM) keeps %d gRPC requests of 64 rows outstanding (eight"
                + " different 64-row blocks of `train.csv`, 4 connections). Per round, %,d rows"
                + " (%d windows); the time runs from the first send to the `evaluatedAt` of the"
                + " window that completes the round in drift-monitor's API (`GET"
                + " /api/v1/drift/%s/versions/1`, polled every 100 ms). One window's worth was"
                + " sent and evaluated first as a warm-up. Events that serving dropped (Kafka did"
                + " not acknowledge them within the producer's 15 s delivery timeout) never reach"
                + " drift-monitor: a round counts the rows of the full windows of the events Kafka"
                + " acknowledged. CPU: each process's user + system"
                + " time over the round divided by its length (1.00 = one core busy). No process"
                + " is pinned.\n\n",
            windowRows,
            concurrency,
            (long) windowsPerRound * windowRows,
            windowsPerRound,
            MODEL));
    md.append("Machine: ").append(BenchmarkReport.machine()).append(".\n\n");
    md.append(
        "| round | rows sent | sending (s) | serving rows/s | events dropped | rows evaluated |"
            + " to last window evaluated (s) | **loop rows/s** | errors | CPU: serving /"
            + " drift-monitor / broker / generator / registry |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    int n = 1;
    for (Round r : rounds) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %,d | %.2f | %,.0f | %,d | %,d | %.2f | **%,.0f** | %d | %.2f / %.2f / %.2f /"
                  + " %.2f / %.2f |\n",
              n++,
              r.rows(),
              r.sendSeconds(),
              r.rows() / r.sendSeconds(),
              r.droppedEvents(),
              r.evaluatedRows(),
              r.loopSeconds(),
              r.evaluatedRows() / r.loopSeconds(),
              r.errors(),
              r.cores().get("serving"),
              r.cores().get("drift-monitor"),
              r.cores().get("broker"),
              r.cores().get("generator"),
              r.cores().get("registry")));
    }
    return md.toString();
  }
}

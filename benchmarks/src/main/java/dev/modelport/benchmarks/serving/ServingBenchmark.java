package dev.modelport.benchmarks.serving;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One command for the serving benchmarks: the in-process engine baseline, then the packaged
 * serving-service (started here as a separate process) under load over gRPC and REST, with dynamic
 * batching on and off, and the table in {@code docs/benchmarks.md} (section "serving-service: Java
 * generator"). Its load generator is this JVM, on the same cores as the server, so its served
 * figures measure the generator as much as the server (issue 17); the server's own figures come
 * from {@link dev.modelport.benchmarks.serving.outside.OutsideServingBenchmark}.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl serving-service,benchmarks -am install
 * -DskipTests}: {@code ./mvnw -q -pl benchmarks exec:java
 * -Dexec.mainClass=dev.modelport.benchmarks.serving.ServingBenchmark}. System properties: {@code
 * bench.seconds} (measured seconds per run, default 10), {@code bench.warmup.seconds} (JIT warm-up
 * per server start, default 60), {@code bench.grpc.channels} (default 4), {@code bench.jar} (the
 * server), {@code bench.models} (the repository, default examples/models), {@code bench.out}.
 */
public final class ServingBenchmark {

  private final Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
  private final Duration warmup = Duration.ofSeconds(3);
  private final Duration warmupTotal = Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 60));

  /** Outstanding mobilenet requests: enough to fill a batch of 32 while the previous one runs. */
  static final int MOBILENET_CLIENTS = 48;

  private final Path jar =
      Path.of(
          System.getProperty("bench.jar", "serving-service/target/quarkus-app/quarkus-run.jar"));
  private final Path models = Path.of(System.getProperty("bench.models", "examples/models"));
  private final Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));

  public static void main(String[] args) throws Exception {
    new ServingBenchmark().run();
    System.exit(0);
  }

  void run() throws Exception {
    List<Tensor> image = List.of(random("input", new long[] {1, 3, 224, 224}));
    List<Tensor> row = List.of(random("input", new long[] {1, 30}));
    // Intra-op threads as the examples' model.yaml files set them: ONNX Runtime's default for
    // mobilenet, 1 for breast cancer.
    try (InProcessBaseline mobilenetEngine =
            new InProcessBaseline(
                models.resolve("mobilenet-v3-small/model.onnx"), new long[] {3, 224, 224}, 0);
        InProcessBaseline breastEngine =
            new InProcessBaseline(
                models.resolve("breast-cancer-mlp/model.onnx"), new long[] {30}, 1)) {
      log("in-process baseline: mobilenet-v3-small");
      List<InProcessBaseline.Point> mobilenet =
          mobilenetEngine.sweep(new int[] {1, 2, 4, 8, 16, 32, 64}, measure.dividedBy(3));
      log("in-process baseline: breast-cancer-mlp");
      List<InProcessBaseline.Point> breast =
          breastEngine.sweep(new int[] {1, 8, 64}, measure.dividedBy(3));
      log("in-process baseline: breast-cancer-mlp, one row 50 times a second");
      InProcessBaseline.Point breastPaced = breastEngine.measurePaced(1, 50, measure);
      int bestBatch =
          mobilenet.stream()
              .max(java.util.Comparator.comparingDouble(InProcessBaseline.Point::itemsPerSecond))
              .orElseThrow()
              .batch();

      List<LoadResult> served = new ArrayList<>();
      List<double[]> interleaved = new ArrayList<>();
      try (ServerProcess server = start(true);
          V2Clients clients = clients()) {
        warmUp(clients, image, row);
        served.add(
            load(
                server,
                clients,
                "mobilenet-v3-small gRPC raw",
                0,
                MOBILENET_CLIENTS,
                clients.grpcRaw("mobilenet-v3-small", image)));
        served.add(
            load(
                server,
                clients,
                "mobilenet-v3-small REST binary",
                0,
                MOBILENET_CLIENTS,
                clients.restBinary("mobilenet-v3-small", image)));
        served.add(
            load(
                server,
                clients,
                "mobilenet-v3-small REST JSON",
                0,
                MOBILENET_CLIENTS,
                clients.restJson("mobilenet-v3-small", image)));
        // The machine's spare CPU drifts within minutes: compare served and in-process in
        // alternating slices.
        for (int round = 0; round < 3; round++) {
          log(
              "interleaved round "
                  + (round + 1)
                  + ": in-process batch "
                  + bestBatch
                  + ", then served gRPC raw");
          double engine =
              mobilenetEngine.measure(bestBatch, Duration.ofSeconds(3)).itemsPerSecond();
          double grpc =
              OpenLoopLoad.run(
                      "interleaved",
                      0,
                      MOBILENET_CLIENTS,
                      1,
                      Duration.ofSeconds(1),
                      Duration.ofSeconds(3),
                      clients.grpcRaw("mobilenet-v3-small", image))
                  .itemsPerSecond();
          interleaved.add(new double[] {engine, grpc});
          log(
              String.format(
                  Locale.ROOT, "  in-process %.1f img/s, served %.1f img/s", engine, grpc));
        }
        served.add(
            load(
                server,
                clients,
                "breast-cancer-mlp gRPC, batching on",
                0,
                64,
                clients.grpcRaw("breast-cancer-mlp", row)));
        served.add(
            load(
                server,
                clients,
                "breast-cancer-mlp REST JSON, batching on",
                0,
                64,
                clients.restJson("breast-cancer-mlp", row)));
        served.add(
            load(
                server,
                clients,
                "breast-cancer-mlp gRPC, 50 req/s",
                50,
                64,
                clients.grpcRaw("breast-cancer-mlp", row)));
        served.add(
            load(
                server,
                clients,
                "breast-cancer-mlp REST JSON, 50 req/s",
                50,
                64,
                clients.restJson("breast-cancer-mlp", row)));
      }
      try (ServerProcess server = start(false);
          V2Clients clients = clients()) {
        warmUp(clients, image, row);
        served.add(
            load(
                server,
                clients,
                "breast-cancer-mlp gRPC, batching off",
                0,
                64,
                clients.grpcRaw("breast-cancer-mlp", row)));
        served.add(
            load(
                server,
                clients,
                "breast-cancer-mlp REST JSON, batching off",
                0,
                64,
                clients.restJson("breast-cancer-mlp", row)));
      }
      String section =
          new BenchmarkReport(
                  measure,
                  warmupTotal,
                  mobilenet,
                  breast,
                  breastPaced,
                  served,
                  bestBatch,
                  interleaved)
              .markdown();
      ReportSection.write(out, "## serving-service: Java generator", section);
      System.out.println(section);
    }
  }

  private ServerProcess start(boolean batching) throws IOException, InterruptedException {
    return ServerProcess.start(
        jar,
        models,
        batching ? "batching" : "unbatched",
        Map.of(
            "modelport.serving.models",
            "mobilenet-v3-small,breast-cancer-mlp",
            "modelport.serving.batching-enabled",
            Boolean.toString(batching)));
  }

  private static V2Clients clients() {
    return new V2Clients("127.0.0.1", ServerProcess.REST_PORT, ServerProcess.GRPC_PORT);
  }

  /**
   * Runs both protocols on both models, saturated, before anything is measured: on 2 cores shared
   * with the generator, the JIT needs tens of seconds under load before the server's (and the
   * generator's) request paths are compiled; short runs on a fresh server measure the interpreter.
   */
  private void warmUp(V2Clients clients, List<Tensor> image, List<Tensor> row)
      throws InterruptedException {
    Duration slice = warmupTotal.dividedBy(6);
    log("JIT warm-up: " + warmupTotal.toSeconds() + " s");
    for (Supplier<CompletableFuture<?>> send :
        List.of(
            clients.grpcRaw("breast-cancer-mlp", row),
            clients.restJson("breast-cancer-mlp", row),
            clients.grpcRaw("breast-cancer-mlp", row),
            clients.restJson("breast-cancer-mlp", row),
            clients.grpcRaw("mobilenet-v3-small", image),
            clients.restBinary("mobilenet-v3-small", image))) {
      OpenLoopLoad.run("warm-up", 0, 64, 1, Duration.ZERO, slice, send);
    }
  }

  /**
   * One scenario: {@link #warmup} of the same load, then {@link #measure} measured, with the CPU
   * time of the server and of this process and the server's duration metrics read around it.
   */
  private LoadResult load(
      ServerProcess server,
      V2Clients clients,
      String name,
      double rate,
      int concurrency,
      Supplier<CompletableFuture<?>> send)
      throws Exception {
    log(name);
    String model = name.substring(0, name.indexOf(' '));
    OpenLoopLoad.run(name, rate, concurrency, 1, Duration.ZERO, warmup, send);
    double[] before = costCounters(server, clients, model);
    LoadResult r = OpenLoopLoad.run(name, rate, concurrency, 1, Duration.ZERO, measure, send);
    double[] after = costCounters(server, clients, model);
    double perRequest = 1e6 / Math.max(1, after[4] - before[4]);
    r =
        r.withCost(
            new LoadResult.RequestCost(
                (after[0] - before[0]) * perRequest,
                (after[1] - before[1]) * perRequest,
                (after[2] - before[2]) * perRequest,
                (after[3] - before[3]) * perRequest));
    log(
        String.format(
            Locale.ROOT,
            "  %.1f req/s, p50 %.2f ms, p99 %.2f ms, %d errors; per request: server CPU %.0f µs, "
                + "generator CPU %.0f µs, in server %.0f µs, engine %.0f µs",
            r.requestsPerSecond(),
            r.millis(50),
            r.millis(99),
            r.errors(),
            r.cost().serverCpu(),
            r.cost().clientCpu(),
            r.cost().serverDuration(),
            r.cost().engineCompute()));
    return r;
  }

  /**
   * {server CPU s, this process's CPU s, request duration sum s, compute duration sum s, request
   * count}.
   */
  private static double[] costCounters(ServerProcess server, V2Clients clients, String model)
      throws Exception {
    return new double[] {
      server.cpuSeconds(),
      ServerProcess.cpuSeconds(ProcessHandle.current().pid()),
      clients.metricTotal("modelport_inference_request_duration_seconds_sum", model, null),
      clients.metricTotal("modelport_inference_compute_duration_seconds_sum", model, null),
      clients.metricTotal("modelport_inference_request_duration_seconds_count", model, null)
    };
  }

  private static Tensor random(String name, long[] shape) {
    float[] data = new float[Math.toIntExact(Tensor.elementCount(shape))];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextDouble(-1, 1);
    }
    return new Tensor(name, DataType.FP32, shape, data);
  }

  static void log(String message) {
    System.out.println(
        "[bench " + LocalDate.now() + " " + java.time.LocalTime.now().withNano(0) + "] " + message);
  }
}

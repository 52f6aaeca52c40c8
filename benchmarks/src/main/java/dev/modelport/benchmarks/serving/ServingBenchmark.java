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
import java.util.function.Supplier;

/**
 * One command for the serving benchmarks: the in-process engine baseline, then the packaged
 * serving-service (started here as a separate process) under load over gRPC and REST, with dynamic
 * batching on and off, and the table in {@code docs/benchmarks.md} (section "serving-service").
 *
 * <p>Run from the repository root after {@code ./mvnw -pl serving-service,benchmarks -am install
 * -DskipTests}: {@code ./mvnw -q -pl benchmarks exec:java
 * -Dexec.mainClass=dev.modelport.benchmarks.serving.ServingBenchmark}. System properties:
 * {@code bench.seconds} (measured seconds per run, default 10), {@code bench.jar} (the server),
 * {@code bench.models} (the repository, default examples/models), {@code bench.out}.
 */
public final class ServingBenchmark {

  private final Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
  private final Duration warmup = Duration.ofSeconds(3);
  private final Path jar = Path.of(System.getProperty("bench.jar", "serving-service/target/quarkus-app/quarkus-run.jar"));
  private final Path models = Path.of(System.getProperty("bench.models", "examples/models"));
  private final Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));

  public static void main(String[] args) throws Exception {
    new ServingBenchmark().run();
    System.exit(0);
  }

  void run() throws Exception {
    List<Tensor> image = List.of(random("input", new long[] {1, 3, 224, 224}));
    List<Tensor> row = List.of(random("input", new long[] {1, 30}));
    try (InProcessBaseline mobilenetEngine = new InProcessBaseline(models.resolve("mobilenet-v3-small/model.onnx"),
            new long[] {3, 224, 224});
        InProcessBaseline breastEngine = new InProcessBaseline(models.resolve("breast-cancer-mlp/model.onnx"),
            new long[] {30})) {
      log("in-process baseline: mobilenet-v3-small");
      List<InProcessBaseline.Point> mobilenet = mobilenetEngine.sweep(new int[] {1, 2, 4, 8, 16, 32, 64}, measure.dividedBy(3));
      log("in-process baseline: breast-cancer-mlp");
      List<InProcessBaseline.Point> breast = breastEngine.sweep(new int[] {1, 8, 64}, measure.dividedBy(3));
      int bestBatch = mobilenet.stream().max(java.util.Comparator.comparingDouble(InProcessBaseline.Point::itemsPerSecond))
          .orElseThrow().batch();

      List<LoadResult> served = new ArrayList<>();
      List<double[]> interleaved = new ArrayList<>();
      double[] serverMicros = new double[2];
      try (ServerProcess server = start(true); V2Clients clients = new V2Clients("localhost", ServerProcess.REST_PORT, ServerProcess.GRPC_PORT)) {
        served.add(load("mobilenet-v3-small gRPC raw", 0, 16, 1, clients.grpcRaw("mobilenet-v3-small", image)));
        served.add(load("mobilenet-v3-small REST binary", 0, 16, 1, clients.restBinary("mobilenet-v3-small", image)));
        served.add(load("mobilenet-v3-small REST JSON", 0, 16, 1, clients.restJson("mobilenet-v3-small", image)));
        // The machine's spare CPU drifts within minutes: compare served and in-process in alternating slices.
        for (int round = 0; round < 3; round++) {
          log("interleaved round " + (round + 1) + ": in-process batch " + bestBatch + ", then served gRPC raw");
          double engine = mobilenetEngine.measure(bestBatch, Duration.ofSeconds(3)).itemsPerSecond();
          double grpc = OpenLoopLoad.run("interleaved", 0, 16, 1, Duration.ofSeconds(1), Duration.ofSeconds(3),
              clients.grpcRaw("mobilenet-v3-small", image)).itemsPerSecond();
          interleaved.add(new double[] {engine, grpc});
          log(String.format(Locale.ROOT, "  in-process %.1f img/s, served %.1f img/s", engine, grpc));
        }
        served.add(load("breast-cancer-mlp gRPC, batching on", 0, 64, 1, clients.grpcRaw("breast-cancer-mlp", row)));
        served.add(load("breast-cancer-mlp REST JSON, batching on", 0, 64, 1, clients.restJson("breast-cancer-mlp", row)));
        double[] before = clients.requestDurationTotals("breast-cancer-mlp", "grpc");
        served.add(load("breast-cancer-mlp gRPC, 50 req/s", 50, 64, 1, clients.grpcRaw("breast-cancer-mlp", row)));
        double[] after = clients.requestDurationTotals("breast-cancer-mlp", "grpc");
        serverMicros[0] = 1e6 * (after[0] - before[0]) / Math.max(1, after[1] - before[1]);
        before = clients.requestDurationTotals("breast-cancer-mlp", "rest");
        served.add(load("breast-cancer-mlp REST JSON, 50 req/s", 50, 64, 1, clients.restJson("breast-cancer-mlp", row)));
        after = clients.requestDurationTotals("breast-cancer-mlp", "rest");
        serverMicros[1] = 1e6 * (after[0] - before[0]) / Math.max(1, after[1] - before[1]);
      }
      try (ServerProcess server = start(false); V2Clients clients = new V2Clients("localhost", ServerProcess.REST_PORT, ServerProcess.GRPC_PORT)) {
        served.add(load("breast-cancer-mlp gRPC, batching off", 0, 64, 1, clients.grpcRaw("breast-cancer-mlp", row)));
        served.add(load("breast-cancer-mlp REST JSON, batching off", 0, 64, 1, clients.restJson("breast-cancer-mlp", row)));
      }
      String section = new BenchmarkReport(measure, mobilenet, breast, served, bestBatch, interleaved, serverMicros).markdown();
      ReportSection.write(out, "## serving-service", section);
      System.out.println(section);
    }
  }

  private ServerProcess start(boolean batching) throws IOException, InterruptedException {
    return ServerProcess.start(jar, models, batching ? "batching" : "unbatched", Map.of(
        "modelport.serving.models", "mobilenet-v3-small,breast-cancer-mlp",
        "modelport.serving.batching-enabled", Boolean.toString(batching)));
  }

  private LoadResult load(String name, double rate, int concurrency, int items, Supplier<java.util.concurrent.CompletableFuture<?>> send)
      throws InterruptedException {
    log(name);
    LoadResult r = OpenLoopLoad.run(name, rate, concurrency, items, warmup, measure, send);
    log(String.format(Locale.ROOT, "  %.1f req/s, p50 %.2f ms, p99 %.2f ms, %d errors",
        r.requestsPerSecond(), r.millis(50), r.millis(99), r.errors()));
    return r;
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
    System.out.println("[bench " + LocalDate.now() + " " + java.time.LocalTime.now().withNano(0) + "] " + message);
  }
}

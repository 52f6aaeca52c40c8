package dev.modelport.benchmarks.serving;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

  private static final int REST_PORT = 18080;
  private static final int GRPC_PORT = 18081;

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
      try (Server server = Server.start(jar, models, true); V2Clients clients = new V2Clients("localhost", REST_PORT, GRPC_PORT)) {
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
      try (Server server = Server.start(jar, models, false); V2Clients clients = new V2Clients("localhost", REST_PORT, GRPC_PORT)) {
        served.add(load("breast-cancer-mlp gRPC, batching off", 0, 64, 1, clients.grpcRaw("breast-cancer-mlp", row)));
        served.add(load("breast-cancer-mlp REST JSON, batching off", 0, 64, 1, clients.restJson("breast-cancer-mlp", row)));
      }
      String section = new BenchmarkReport(measure, mobilenet, breast, served, bestBatch, interleaved, serverMicros).markdown();
      write(section);
      System.out.println(section);
    }
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

  /** Replaces the "## serving-service" section of the report, or appends it. */
  private void write(String section) throws IOException {
    String doc = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
    int start = doc.indexOf("\n## serving-service\n");
    if (start >= 0) {
      int next = doc.indexOf("\n## ", start + 1);
      doc = doc.substring(0, start + 1) + section + (next >= 0 ? doc.substring(next) : "");
    } else {
      doc = doc.stripTrailing() + "\n\n" + section;
    }
    Files.writeString(out, doc, StandardCharsets.UTF_8);
  }

  static void log(String message) {
    System.out.println("[bench " + LocalDate.now() + " " + java.time.LocalTime.now().withNano(0) + "] " + message);
  }

  /** The packaged server as a child process; closing stops it. */
  private record Server(Process process) implements AutoCloseable {

    static Server start(Path jar, Path models, boolean batching) throws Exception {
      Path log = Path.of("benchmarks/target/serving-" + (batching ? "batching" : "unbatched") + ".log");
      Files.createDirectories(log.getParent());
      Process p = new ProcessBuilder("java", "-Xmx1g",
          "-Dmodelport.serving.source=local",
          "-Dmodelport.serving.repository=" + models,
          "-Dmodelport.serving.models=mobilenet-v3-small,breast-cancer-mlp",
          "-Dmodelport.serving.batching-enabled=" + batching,
          "-Dquarkus.http.port=" + REST_PORT,
          "-Dquarkus.grpc.server.port=" + GRPC_PORT,
          "-jar", jar.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Server server = new Server(p);
      try (V2Clients probe = new V2Clients("localhost", REST_PORT, GRPC_PORT)) {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!probe.ready()) {
          if (!p.isAlive() || System.nanoTime() > until) {
            server.close();
            throw new IllegalStateException("the server did not become ready; see " + log);
          }
          Thread.sleep(250);
        }
      }
      log("server ready (batching " + (batching ? "on" : "off") + ")");
      return server;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}

package dev.modelport.benchmarks.serving;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Loads and unloads a model through the repository extension many times and follows the server's
 * resident memory: the target is that 50 cycles leave it within 50 MB of where it started.
 *
 * <p>The packaged server ({@code -Xmx1g}) serves only {@code bench.memory.model} (default {@code
 * mobilenet-v3-small}: version 1 ONNX Runtime, version 2 PyTorch). "Start" is the resident size
 * once it is ready and has answered {@value #INFERENCES} requests on each version; each cycle is
 * unload, load (which warms up), then {@value #INFERENCES} requests on each version. Every reading
 * follows a full GC in the server ({@code jcmd GC.run}), so that garbage not yet collected is not
 * counted; the reading before that GC is reported too.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl serving-service,benchmarks -am install
 * -DskipTests}: {@code ./mvnw -q -pl benchmarks exec:java
 * -Dexec.mainClass=dev.modelport.benchmarks.serving.LoadUnloadMemoryBenchmark}. Writes the section
 * "serving-service: load and unload memory" of {@code docs/benchmarks.md}. System properties:
 * {@code bench.memory.cycles} (default 50), {@code bench.memory.model}, {@code bench.memory.nmt}
 * (print the JVM's native memory tracking diff: add {@code -XX:NativeMemoryTracking=summary} to
 * {@code bench.server.jvm-options}), {@code bench.jar}, {@code bench.models}, {@code bench.out}.
 */
public final class LoadUnloadMemoryBenchmark {

  static final String HEADING = "## serving-service: load and unload memory";
  private static final int INFERENCES = 20;
  private static final long TARGET_BYTES = 50L * 1000 * 1000;

  private final int cycles = Integer.getInteger("bench.memory.cycles", 50);
  private final String model = System.getProperty("bench.memory.model", "mobilenet-v3-small");
  private final Path jar =
      Path.of(
          System.getProperty("bench.jar", "serving-service/target/quarkus-app/quarkus-run.jar"));
  private final Path models = Path.of(System.getProperty("bench.models", "examples/models"));
  private final Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));

  /**
   * Prints the JVM's native memory change (needs {@code -XX:NativeMemoryTracking} in
   * bench.server.jvm-options).
   */
  private final boolean nativeMemoryTracking = Boolean.getBoolean("bench.memory.nmt");

  /** A reading after {@code cycle} cycles: resident bytes before and after a full GC. */
  private record Reading(int cycle, long beforeGc, long afterGc, double seconds) {}

  public static void main(String[] args) throws Exception {
    new LoadUnloadMemoryBenchmark().run();
    System.exit(0);
  }

  void run() throws Exception {
    List<Tensor> input = List.of(input(model));
    List<Reading> readings = new ArrayList<>();
    long started = System.nanoTime();
    try (ServerProcess server =
            ServerProcess.start(jar, models, "memory", Map.of("modelport.serving.models", model));
        V2Clients clients =
            new V2Clients("127.0.0.1", ServerProcess.REST_PORT, ServerProcess.GRPC_PORT)) {
      infer(clients, input);
      readings.add(read(server, 0, started));
      if (nativeMemoryTracking) {
        server.jcmd("VM.native_memory", "baseline");
      }
      for (int cycle = 1; cycle <= cycles; cycle++) {
        clients.repository(model, "unload");
        clients.repository(model, "load");
        infer(clients, input);
        if (cycle % 10 == 0 || cycle == cycles) {
          readings.add(read(server, cycle, started));
        }
      }
      if (nativeMemoryTracking) {
        System.out.println(server.jcmd("VM.native_memory", "summary.diff", "scale=MB"));
      }
    }
    String section = markdown(readings);
    ReportSection.write(out, HEADING, section);
    System.out.println(section);
  }

  /** {@value #INFERENCES} requests on version 1 and on version 2 (if it answers). */
  private void infer(V2Clients clients, List<Tensor> input) throws Exception {
    for (String version : List.of("1", "2")) {
      for (int i = 0; i < INFERENCES; i++) {
        clients.grpcRaw(model, version, input).get().get(60, TimeUnit.SECONDS);
      }
    }
  }

  private Reading read(ServerProcess server, int cycle, long started) throws Exception {
    long before = server.residentBytes();
    server.collectGarbage();
    Thread.sleep(500);
    long after = server.residentBytes();
    Reading r = new Reading(cycle, before, after, (System.nanoTime() - started) / 1e9);
    ServingBenchmark.log(
        String.format(
            Locale.ROOT,
            "after %d cycles: resident %.1f MB (%.1f MB before the GC)",
            cycle,
            mb(after),
            mb(before)));
    return r;
  }

  private String markdown(List<Reading> readings) {
    Reading first = readings.get(0);
    Reading last = readings.get(readings.size() - 1);
    long growth = last.afterGc() - first.afterGc();
    StringBuilder md = new StringBuilder();
    md.append(HEADING).append("\n\n");
    md.append(
        "Target (issue \"serving-service\"): loading and unloading a model 50 times leaves resident memory "
            + "within 50 MB of where it started.\n\n");
    md.append(
        "Command (from the repository root, after `./mvnw -q -pl serving-service,benchmarks -am install "
            + "-DskipTests`):\n\n```\n./mvnw -q -pl benchmarks exec:java "
            + "-Dexec.mainClass=dev.modelport.benchmarks.serving.LoadUnloadMemoryBenchmark\n```\n\n");
    String arenas = System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2");
    md.append("The packaged server (`-Xmx1g`, environment `MALLOC_ARENA_MAX=")
        .append(arenas)
        .append(
            "` as `./modelport up` sets it, `modelport.serving.trim-native-heap` at its default `true`) serves only `")
        .append(model)
        .append("` (version 1 ONNX Runtime, " + "version 2 PyTorch). Start: ready, then ")
        .append(INFERENCES)
        .append(
            " gRPC requests (one 1×3×224×224 "
                + "image) on each version. A cycle: `POST /v2/repository/models/")
        .append(model)
        .append(
            "/unload`, "
                + "`.../load` (which warms the versions up), then the same requests. Resident size is `VmRSS` of "
                + "`/proc/<pid>/status`, read after a full GC in the server (`jcmd <pid> GC.run`) and, in brackets, "
                + "just before it.\n\n");
    md.append("Machine: ").append(BenchmarkReport.machine()).append(".\n\n");
    md.append(
        "| cycles | resident after GC (MB) | before GC (MB) | change since start (MB) | elapsed (s) |\n");
    md.append("|---|---|---|---|---|\n");
    for (Reading r : readings) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %.1f | %.1f | %+.1f | %.0f |%n",
              r.cycle(),
              mb(r.afterGc()),
              mb(r.beforeGc()),
              mb(r.afterGc() - first.afterGc()),
              r.seconds()));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%n%d load/unload cycles: resident memory %+.1f MB from start; "
                + "target within 50 MB: **%s**.%n",
            last.cycle(),
            mb(growth),
            Math.abs(growth) <= TARGET_BYTES ? "met" : "not met"));
    return md.toString();
  }

  private Tensor input(String name) {
    long[] shape = name.startsWith("mobilenet") ? new long[] {1, 3, 224, 224} : new long[] {1, 30};
    float[] data = new float[Math.toIntExact(Tensor.elementCount(shape))];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 255) / 255f;
    }
    return new Tensor("input", DataType.FP32, shape, data);
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }
}

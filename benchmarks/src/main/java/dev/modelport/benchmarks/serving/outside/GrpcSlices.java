package dev.modelport.benchmarks.serving.outside;

import dev.modelport.benchmarks.serving.ServerProcess;
import dev.modelport.benchmarks.serving.V2Clients;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One measured slice of gRPC load on a packaged server, as the outside benchmarks that compare
 * server variants take it: {@code h2load} on the generator's cores (4 connections × 16 streams, a
 * prebuilt 1-row {@code ModelInfer} body), the server's CPU time per answered request from {@code
 * /proc/<pid>/stat} around the run, throughput, p99 and context switches per request.
 */
final class GrpcSlices {

  /**
   * One measured slice.
   *
   * @param compilerShare the share of the server's CPU time in the slice that its JIT compiler
   *     threads took (0 to 1)
   * @param generatorShare h2load's CPU time in the slice as a share of the generator's cores (0 to
   *     1; see {@link GeneratorRun#cpuShare})
   */
  record Slice(
      double cpuMicros,
      double throughput,
      double p99Micros,
      long errors,
      double switches,
      double compilerShare,
      double generatorShare) {}

  /** How a {@linkplain #warmUp warm-up} went: its seconds of load and whether the JIT settled. */
  record WarmUp(int seconds, boolean settled) {}

  private final String generatorCpus;
  private final Path work;
  private final Consumer<String> log;

  /**
   * @param work folder for h2load's request log
   * @param log where slice lines go
   */
  GrpcSlices(String generatorCpus, Path work, Consumer<String> log) {
    this.generatorCpus = generatorCpus;
    this.work = work;
    this.log = log;
  }

  /**
   * The size of the gRPC message frame (5-byte prefix and message) of {@code model}'s answer to
   * {@code inputs} on {@code grpcPort}: {@link #grpc}'s {@code response}, by which h2load's data
   * bytes tell answers from gRPC errors. Sends one request and waits up to 60 s for it.
   */
  static long responseBytes(int grpcPort, String model, List<Tensor> inputs) throws Exception {
    try (V2Clients clients = new V2Clients("127.0.0.1", 0, grpcPort, 1)) {
      ModelInferResponse r =
          (ModelInferResponse) clients.grpcRaw(model, inputs).get().get(60, TimeUnit.SECONDS);
      return r.getSerializedSize() + 5L;
    }
  }

  /** A slice of {@code duration} seconds against {@code grpcPort}; {@code response} bytes each. */
  Slice grpc(ServerProcess server, int grpcPort, Path body, int duration, long response)
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
            "http://127.0.0.1:" + grpcPort + GrpcFrame.MODEL_INFER_PATH);
    long switches0 = contextSwitches(server.pid());
    ProcStat before = ProcStat.read(server.pid());
    long compiler0 = CompilerThreads.ticks(server.pid());
    GeneratorRun g = GeneratorRun.run(generatorCpus, cmd, work, duration + 120L);
    ProcStat after = ProcStat.read(server.pid());
    // a compiler thread that HotSpot stopped meanwhile takes its ticks along: never below zero
    long compilerTicks = Math.max(0, CompilerThreads.ticks(server.pid()) - compiler0);
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
        switches / (double) Math.max(1, completed),
        compilerTicks / (double) Math.max(1, after.ownTicks() - before.ownTicks()),
        g.cpuShare());
  }

  /** Seconds of load per warm-up slice. */
  static final int WARMUP_SLICE_SECONDS = 5;

  /**
   * Loads {@code grpcPort} in slices of {@value #WARMUP_SLICE_SECONDS} s until the server's JIT has
   * settled (its compiler threads took under 2 % of its CPU in 3 slices running, see {@link
   * JitSettling}) or {@code maxSeconds} have passed, logging each slice's compiler share; a fixed
   * warm-up left the traced servers compiling through the measured rounds.
   */
  WarmUp warmUp(ServerProcess server, int grpcPort, Path body, long response, int maxSeconds)
      throws Exception {
    JitSettling settling = new JitSettling(0.02, 3);
    int spent = 0;
    while (spent < maxSeconds) {
      Slice s = grpc(server, grpcPort, body, WARMUP_SLICE_SECONDS, response);
      spent += WARMUP_SLICE_SECONDS;
      log.accept(
          String.format(
              Locale.ROOT,
              "  warm-up %3d s: %.0f req/s, JIT compiler threads %.1f %% of the server's CPU",
              spent,
              s.throughput(),
              100 * s.compilerShare()));
      if (settling.settledAfter(s.compilerShare())) {
        return new WarmUp(spent, true);
      }
    }
    log.accept("  JIT not settled after " + spent + " s: measuring anyway");
    return new WarmUp(spent, false);
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

  Slice report(String label, Slice s) {
    log.accept(
        String.format(
            Locale.ROOT,
            "  %s: server CPU %.1f µs/request, %.0f req/s, p99 %.2f ms, errors %d, %.2f context"
                + " switches/request, JIT %.1f %% of CPU, h2load %.0f %% of the generator's cores",
            label,
            s.cpuMicros(),
            s.throughput(),
            s.p99Micros() / 1000,
            s.errors(),
            s.switches(),
            100 * s.compilerShare(),
            100 * s.generatorShare()));
    return s;
  }

  void summary(String label, List<Slice> slices) {
    log.accept(
        String.format(
            Locale.ROOT,
            "median %s: server CPU %.1f µs/request, %.0f req/s, p99 %.2f ms, %.2f context"
                + " switches/request",
            label,
            median(slices.stream().mapToDouble(Slice::cpuMicros).toArray()),
            median(slices.stream().mapToDouble(Slice::throughput).toArray()),
            median(slices.stream().mapToDouble(Slice::p99Micros).toArray()) / 1000,
            median(slices.stream().mapToDouble(Slice::switches).toArray())));
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}

package dev.modelport.benchmarks.serving.outside;

import dev.modelport.benchmarks.serving.InProcessBaseline;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The in-process engine baseline in a JVM of its own, so that it runs pinned ({@code taskset}) to
 * the same cores as the server. It loads the models' ONNX files as {@link InProcessBaseline} does
 * (mobilenet-v3-small with ONNX Runtime's default intra-op threads, breast-cancer-mlp with one, as
 * the examples' {@code model.yaml} files serve them; pool threads that sleep instead of spinning,
 * as the server runs them), prints {@code READY}, then answers commands on standard input, one line
 * each, with one {@code RESULT} line:
 *
 * <ul>
 *   <li>{@code measure <model> <batch> <seconds>}: calls in a tight loop;
 *   <li>{@code paced <model> <calls per second> <seconds>}: one row at a fixed pace;
 *   <li>{@code quit}.
 * </ul>
 *
 * <p>{@code RESULT <batch> <items/s> <p50 µs> <p90 µs> <p99 µs> <mean µs> <CPU µs per item>},
 * latencies per call; the CPU time is this whole process's ({@code /proc/self/stat}), as the
 * server's is, over the warm-up and the measured part.
 */
public final class PinnedBaseline {

  /** Model names the commands accept. */
  public static final String MOBILENET = "mobilenet-v3-small";

  public static final String BREAST_CANCER = "breast-cancer-mlp";

  private PinnedBaseline() {}

  /**
   * @param args the model repository (examples/models)
   */
  public static void main(String[] args) throws Exception {
    Path models = Path.of(args.length > 0 ? args[0] : "examples/models");
    long pid = ProcessHandle.current().pid();
    try (InProcessBaseline mobilenet =
            new InProcessBaseline(
                models.resolve(MOBILENET + "/model.onnx"), new long[] {3, 224, 224}, 0, false);
        InProcessBaseline breast =
            new InProcessBaseline(
                models.resolve(BREAST_CANCER + "/model.onnx"), new long[] {30}, 1, false)) {
      System.out.println("READY");
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] c = line.trim().split("\\s+");
        if (c[0].equals("quit")) {
          break;
        }
        InProcessBaseline engine = c[1].equals(MOBILENET) ? mobilenet : breast;
        Duration duration = Duration.ofMillis((long) (Double.parseDouble(c[3]) * 1000));
        long before = ProcStat.read(pid).ownTicks();
        InProcessBaseline.Point p =
            c[0].equals("paced")
                ? engine.measurePaced(1, Double.parseDouble(c[2]), duration)
                : engine.measure(Integer.parseInt(c[2]), duration);
        long after = ProcStat.read(pid).ownTicks();
        // The CPU time covers the warm-up before the measured part too (0.5 s in a tight loop, 1 s
        // paced), at about the same rate: count its items as well.
        double seconds = duration.toNanos() / 1e9;
        double warmUp = c[0].equals("paced") ? 1.0 : 0.5;
        double items = p.itemsPerSecond() * (seconds + warmUp);
        Histogram h = p.latency();
        System.out.println(
            String.format(
                Locale.ROOT,
                "RESULT %d %.3f %d %d %d %.1f %.3f",
                p.batch(),
                p.itemsPerSecond(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getMean(),
                ClockTicks.seconds(after - before) * 1e6 / Math.max(1, items)));
      }
    }
    System.exit(0);
  }
}

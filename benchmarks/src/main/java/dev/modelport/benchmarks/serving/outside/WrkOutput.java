package dev.modelport.benchmarks.serving.outside;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code wrk --latency} printed: requests completed, the measured time, errors and the latency
 * distribution (50, 75, 90, 99 %).
 *
 * @param requests requests completed ("N requests in T")
 * @param seconds the run's length as wrk measured it
 * @param requestsPerSecond wrk's "Requests/sec"
 * @param errorResponses "Non-2xx or 3xx responses" (0 when wrk prints no such line)
 * @param socketErrors connect + read + write + timeout socket errors
 * @param mean mean latency ("Thread Stats", Latency, Avg), microseconds
 * @param p50 latency percentile, microseconds
 * @param p75 latency percentile, microseconds
 * @param p90 latency percentile, microseconds
 * @param p99 latency percentile, microseconds
 */
public record WrkOutput(
    long requests,
    double seconds,
    double requestsPerSecond,
    long errorResponses,
    long socketErrors,
    double mean,
    double p50,
    double p75,
    double p90,
    double p99) {

  private static final Pattern COMPLETED =
      Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m|h),");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern MEAN =
      Pattern.compile("^\\s*Latency\\s+([0-9.]+)(us|ms|s|m|h)\\s", Pattern.MULTILINE);
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final String PERCENTILE = "^\\s*%s%%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$";

  /**
   * Parses wrk's output.
   *
   * @throws IllegalArgumentException when it lacks the completed-requests line or the latency
   *     distribution (wrk run without {@code --latency}, or failed)
   */
  public static WrkOutput parse(String out) {
    Matcher completed = find(COMPLETED, out, "N requests in T");
    Matcher rate = find(RATE, out, "Requests/sec");
    Matcher mean = find(MEAN, out, "Latency (thread stats)");
    long non2xx = 0;
    Matcher m = NON_2XX.matcher(out);
    if (m.find()) {
      non2xx = Long.parseLong(m.group(1));
    }
    long socket = 0;
    m = SOCKET.matcher(out);
    if (m.find()) {
      for (int i = 1; i <= 4; i++) {
        socket += Long.parseLong(m.group(i));
      }
    }
    return new WrkOutput(
        Long.parseLong(completed.group(1)),
        micros(completed.group(2), completed.group(3)) / 1e6,
        Double.parseDouble(rate.group(1)),
        non2xx,
        socket,
        micros(mean.group(1), mean.group(2)),
        percentile(out, "50"),
        percentile(out, "75"),
        percentile(out, "90"),
        percentile(out, "99"));
  }

  /** Requests that failed: error responses and socket errors. */
  public long errors() {
    return errorResponses + socketErrors;
  }

  private static double percentile(String out, String p) {
    Matcher m =
        find(
            Pattern.compile(String.format(Locale.ROOT, PERCENTILE, p), Pattern.MULTILINE),
            out,
            p + "% (wrk --latency)");
    return micros(m.group(1), m.group(2));
  }

  /** A wrk time (its units: us, ms, s, m, h) in microseconds. */
  static double micros(String value, String unit) {
    double v = Double.parseDouble(value);
    return switch (unit) {
      case "us" -> v;
      case "ms" -> v * 1e3;
      case "s" -> v * 1e6;
      case "m" -> v * 60e6;
      case "h" -> v * 3600e6;
      default -> throw new IllegalArgumentException("unknown wrk time unit " + unit);
    };
  }

  private static Matcher find(Pattern p, String out, String what) {
    Matcher m = p.matcher(out);
    if (!m.find()) {
      throw new IllegalArgumentException("no '" + what + "' in wrk output:\n" + out);
    }
    return m;
  }
}

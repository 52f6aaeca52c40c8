package dev.modelport.benchmarks.serving.outside;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code h2load} printed at the end of a run: its summary of requests, status codes, traffic
 * and request times (min, max, mean, sd). h2load prints no percentiles; {@link #percentiles} reads
 * them from its {@code --log-file}.
 *
 * @param seconds "finished in T"
 * @param requestsPerSecond h2load's req/s
 * @param done requests done
 * @param succeeded requests that got a 2xx or 3xx answer (for gRPC: HTTP 200; the gRPC status is in
 *     trailers that h2load does not read)
 * @param failed failed requests (including errored and timed out)
 * @param status2xx answers with a 2xx status
 * @param dataBytes response body bytes received (DATA frames)
 * @param meanMicros mean time for request, microseconds
 * @param maxMicros longest time for request, microseconds
 */
public record H2loadOutput(
    double seconds,
    double requestsPerSecond,
    long done,
    long succeeded,
    long failed,
    long status2xx,
    long dataBytes,
    double meanMicros,
    double maxMicros) {

  private static final Pattern FINISHED =
      Pattern.compile("finished in ([0-9.]+)(us|ms|s), ([0-9.]+) req/s");
  private static final Pattern REQUESTS =
      Pattern.compile(
          "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed,"
              + " (\\d+) errored, (\\d+) timeout");
  private static final Pattern STATUS = Pattern.compile("status codes: (\\d+) 2xx");
  private static final Pattern DATA = Pattern.compile("\\((\\d+)\\) data");
  private static final Pattern TIME_FOR_REQUEST =
      Pattern.compile(
          "time for request:\\s+([0-9.]+)(us|ms|s)\\s+([0-9.]+)(us|ms|s)\\s+([0-9.]+)(us|ms|s)");

  /**
   * Parses h2load's output.
   *
   * @throws IllegalArgumentException when the summary is missing (h2load failed to connect)
   */
  public static H2loadOutput parse(String out) {
    Matcher finished = find(FINISHED, out, "finished in");
    Matcher requests = find(REQUESTS, out, "requests:");
    Matcher status = find(STATUS, out, "status codes:");
    Matcher data = find(DATA, out, "traffic: ... data");
    Matcher time = find(TIME_FOR_REQUEST, out, "time for request:");
    return new H2loadOutput(
        micros(finished.group(1), finished.group(2)) / 1e6,
        Double.parseDouble(finished.group(3)),
        Long.parseLong(requests.group(3)),
        Long.parseLong(requests.group(4)),
        Long.parseLong(requests.group(5)),
        Long.parseLong(status.group(1)),
        Long.parseLong(data.group(1)),
        micros(time.group(5), time.group(6)),
        micros(time.group(3), time.group(4)));
  }

  /**
   * Failed gRPC calls. h2load counts a call as succeeded on HTTP status 200, but a gRPC error
   * answer is also HTTP 200, with the status in trailers and no message: so the calls that got a
   * message are counted from the DATA bytes received, each successful answer being {@code
   * responseBytes} long (length prefix included), and the rest are failures.
   */
  public long grpcErrors(long responseBytes) {
    long answered = Math.min(succeeded, dataBytes / responseBytes);
    return failed + (succeeded - answered);
  }

  /**
   * Latency percentiles, in microseconds, from an {@code h2load --log-file} (one line per request:
   * start time in µs since the epoch, HTTP status, µs until the end of the response,
   * tab-separated), counting requests with a 2xx status only.
   *
   * @param percentiles e.g. {@code 50, 90, 99}
   * @return one value per percentile (nearest rank); empty when the log holds no such request
   */
  public static double[] percentiles(Path logFile, double... percentiles) throws IOException {
    long[] values = new long[1024];
    int n = 0;
    try (BufferedReader in = Files.newBufferedReader(logFile, StandardCharsets.US_ASCII)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("\t");
        if (f.length < 3 || !f[1].startsWith("2")) {
          continue;
        }
        if (n == values.length) {
          values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = Long.parseLong(f[2].trim());
      }
    }
    if (n == 0) {
      return new double[0];
    }
    Arrays.sort(values, 0, n);
    double[] result = new double[percentiles.length];
    for (int i = 0; i < percentiles.length; i++) {
      int rank = (int) Math.ceil(percentiles[i] / 100.0 * n);
      result[i] = values[Math.max(0, Math.min(n - 1, rank - 1))];
    }
    return result;
  }

  /** An h2load time (us, ms or s) in microseconds. */
  static double micros(String value, String unit) {
    double v = Double.parseDouble(value);
    return switch (unit) {
      case "us" -> v;
      case "ms" -> v * 1e3;
      case "s" -> v * 1e6;
      default -> throw new IllegalArgumentException("unknown h2load time unit " + unit);
    };
  }

  private static Matcher find(Pattern p, String out, String what) {
    Matcher m = p.matcher(out);
    if (!m.find()) {
      throw new IllegalArgumentException("no '" + what + "' in h2load output:\n" + out);
    }
    return m;
  }
}

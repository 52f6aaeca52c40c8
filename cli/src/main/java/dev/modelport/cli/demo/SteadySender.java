package dev.modelport.cli.demo;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Sends rows to serving one request per row at a steady rate (a schedule of {@code 1/rate} s per
 * row, not a pause after each answer), with a live progress line on the console. Not thread-safe.
 */
final class SteadySender {

  private final DemoHttp http;
  private final URI inferUrl;
  private final double rowsPerSecond;
  private final PrintStream out;

  SteadySender(DemoHttp http, URI inferUrl, double rowsPerSecond, PrintStream out) {
    this.http = http;
    this.inferUrl = inferUrl;
    this.rowsPerSecond = rowsPerSecond;
    this.out = out;
  }

  /**
   * Sends every row of {@code rows} and returns the version that answered the last one.
   *
   * @throws DemoException when serving answers anything but 200 or cannot be reached
   */
  String send(String label, DemoRows rows) throws DemoException, InterruptedException {
    long begin = System.nanoTime();
    long periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / rowsPerSecond);
    String version = null;
    for (int i = 0; i < rows.size(); i++) {
      long due = begin + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      DemoHttp.Answer answer;
      try {
        answer = http.postJson(inferUrl, rows.requestBody("input", i));
      } catch (UncheckedIOException e) {
        out.println();
        throw new DemoException("Serving did not answer: " + e.getMessage());
      }
      if (answer.status() != 200) {
        out.println();
        throw new DemoException(
            "Serving answered "
                + answer.status()
                + " to row "
                + (i + 1)
                + " of "
                + rows.file()
                + ": "
                + answer.body());
      }
      version = answer.json().path("model_version").asText(null);
      progress(label, i + 1, rows.size(), begin);
    }
    out.println();
    return version;
  }

  private void progress(String label, int sent, int total, long begin) {
    double seconds = (System.nanoTime() - begin) / 1e9;
    int width = 30;
    int filled = (int) ((long) sent * width / total);
    out.printf(
        "\r  %-13s %3d/%d [%s%s] %5.1f rows/s",
        label,
        sent,
        total,
        "=".repeat(filled),
        " ".repeat(width - filled),
        seconds > 0 ? sent / seconds : 0.0);
    out.flush();
  }
}

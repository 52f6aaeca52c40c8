package dev.modelport.benchmarks.serving.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Clock ticks per second ({@code getconf CLK_TCK}), the unit of {@code /proc/<pid>/stat} times. */
public final class ClockTicks {

  private static final long PER_SECOND = read();

  private ClockTicks() {}

  /** Ticks per second; 100 when {@code getconf} is missing (the value on every common Linux). */
  public static long perSecond() {
    return PER_SECOND;
  }

  /** {@code ticks} in seconds. */
  public static double seconds(long ticks) {
    return ticks / (double) PER_SECOND;
  }

  private static long read() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() == 0 && !out.isEmpty()) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // fall back below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}

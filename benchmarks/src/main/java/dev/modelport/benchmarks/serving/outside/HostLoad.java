package dev.modelport.benchmarks.serving.outside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, which benchmark output records next to its figures. */
final class HostLoad {

  private HostLoad() {}

  /**
   * The whole of {@code /proc/loadavg} (the 1, 5 and 15 minute averages, runnable and total
   * threads, the last pid), or {@code ?} where it cannot be read.
   */
  static String averages() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  /** The 1 minute load average, or {@code ?} where it cannot be read. */
  static String oneMinute() {
    return averages().split(" ")[0];
  }
}

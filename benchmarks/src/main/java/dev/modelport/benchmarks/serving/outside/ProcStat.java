package dev.modelport.benchmarks.serving.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time fields of one {@code /proc/<pid>/stat} line (proc(5)): {@code utime} and {@code
 * stime} (fields 14 and 15, the process's own threads) and {@code cutime} and {@code cstime}
 * (fields 16 and 17, children it has waited for), in clock ticks.
 *
 * @param utime user time of the process's threads, ticks
 * @param stime system time of the process's threads, ticks
 * @param cutime user time of waited-for children, ticks
 * @param cstime system time of waited-for children, ticks
 */
public record ProcStat(long utime, long stime, long cutime, long cstime) {

  /**
   * Parses a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may
   * hold spaces and parentheses, so the fields are counted from the last {@code ')'}.
   */
  public static ProcStat parse(String line) {
    int close = line.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
    }
    String[] f = line.substring(close + 1).trim().split("\\s+");
    // f[0] is field 3 (state); field n is f[n - 3].
    if (f.length < 15) {
      throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + line);
    }
    return new ProcStat(
        Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]));
  }

  /** Reads {@code /proc/<pid>/stat}. */
  public static ProcStat read(long pid) throws IOException {
    return parse(Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8));
  }

  /** The process's own CPU time (user and system), ticks. */
  public long ownTicks() {
    return utime + stime;
  }

  /** CPU time of the children it waited for (user and system), ticks. */
  public long childrenTicks() {
    return cutime + cstime;
  }
}

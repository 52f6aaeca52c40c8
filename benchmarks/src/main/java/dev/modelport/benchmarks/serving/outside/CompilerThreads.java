package dev.modelport.benchmarks.serving.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The CPU time of a JVM's JIT compiler threads ({@code C1 CompilerThread<n>} and {@code C2
 * CompilerThread<n>}, whose names the kernel cuts to 15 characters), from {@code
 * /proc/<pid>/task/<tid>/comm} and {@code stat}.
 */
final class CompilerThreads {

  private CompilerThreads() {}

  /** Whether a thread's {@code comm} (as the kernel cuts it) is a HotSpot JIT compiler thread. */
  static boolean isCompiler(String comm) {
    String name = comm.strip();
    return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
  }

  /** User and system clock ticks of {@code pid}'s live compiler threads so far. */
  static long ticks(long pid) throws IOException {
    long total = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          if (isCompiler(Files.readString(task.resolve("comm"), StandardCharsets.UTF_8))) {
            total +=
                ProcStat.parse(Files.readString(task.resolve("stat"), StandardCharsets.UTF_8))
                    .ownTicks();
          }
        } catch (NoSuchFileException e) {
          // the thread ended meanwhile (HotSpot stops idle compiler threads)
        }
      }
    }
    return total;
  }
}

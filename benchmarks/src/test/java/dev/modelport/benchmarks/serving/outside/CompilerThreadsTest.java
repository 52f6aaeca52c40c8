package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerThreadsTest {

  @Test
  void knowsHotSpotsCompilerThreadsByTheirCutNames() {
    // "C2 CompilerThread0" as /proc/<pid>/task/<tid>/comm shows it: 15 characters and a newline
    assertThat(CompilerThreads.isCompiler("C2 CompilerThre\n")).isTrue();
    assertThat(CompilerThreads.isCompiler("C1 CompilerThre\n")).isTrue();
    assertThat(CompilerThreads.isCompiler("vert.x-eventloo\n")).isFalse();
    assertThat(CompilerThreads.isCompiler("java\n")).isFalse();
  }

  @Test
  void findsTheCompilerThreadsOfThisJvmAndCountsNoMoreThanItsWholeTime() throws Exception {
    long pid = ProcessHandle.current().pid();
    List<String> names;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      names =
          tasks
              .map(t -> t.resolve("comm"))
              .filter(Files::exists)
              .map(CompilerThreadsTest::read)
              .toList();
    }

    // this JVM runs with the JIT on, so the names it matches are the ones the kernel shows
    assertThat(names).anyMatch(CompilerThreads::isCompiler);
    long compiler = CompilerThreads.ticks(pid);
    assertThat(compiler).isNotNegative();
    assertThat(compiler).isLessThanOrEqualTo(ProcStat.read(pid).ownTicks());
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return ""; // the thread ended meanwhile
    }
  }
}

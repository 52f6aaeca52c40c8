package dev.modelport.benchmarks.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PinnedLaunchTest {

  @Test
  void startsTheCommandItselfOnTheCoresAndInASessionOfItsOwn() throws Exception {
    List<String> command = new ArrayList<>(PinnedLaunch.prefix("0"));
    command.addAll(List.of("sleep", "60"));
    Process p = new ProcessBuilder(command).start();
    try {
      Path stat = Path.of("/proc/" + p.pid() + "/stat");
      // taskset and setsid exec the command in place: wait until the process we hold is sleep
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.readString(stat).contains("(sleep)") && System.nanoTime() < until) {
        Thread.onSpinWait();
      }

      assertThat(Files.readString(stat)).contains("(sleep)");
      // the process the caller holds leads its own session, so it is the one whose CPU time counts
      assertThat(session(p.pid())).isEqualTo(p.pid());
      assertThat(session(p.pid())).isNotEqualTo(session(ProcessHandle.current().pid()));
      assertThat(status(p.pid(), "Cpus_allowed_list")).isEqualTo("0");
      Path autogroup = Path.of("/proc/" + p.pid() + "/autogroup");
      if (Files.exists(autogroup)) { // kernels built with CONFIG_SCHED_AUTOGROUP
        assertThat(Files.readString(autogroup).trim())
            .isNotEqualTo(Files.readString(Path.of("/proc/self/autogroup")).trim());
      }
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void leavesAnUnpinnedServerToTheKernelInTheCallersSession() {
    assertThat(PinnedLaunch.prefix(null)).isEmpty();
  }

  /** Field 6 of {@code /proc/<pid>/stat}: the session id. */
  private static long session(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[3]); // state, ppid, pgrp, session
  }

  private static String status(long pid, String key) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith(key + ":"))
        .map(l -> l.substring(key.length() + 1).trim())
        .findFirst()
        .orElseThrow();
  }
}

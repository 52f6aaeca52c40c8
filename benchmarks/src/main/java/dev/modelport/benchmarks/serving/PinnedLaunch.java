package dev.modelport.benchmarks.serving;

import java.util.List;

/**
 * The command prefix that starts a server pinned to some cores and in a session of its own.
 *
 * <p>Pinning ({@code taskset -c}) puts two servers on the same core so that a benchmark can compare
 * them under the same conditions. The session ({@code setsid}) matters as much: with the kernel's
 * autogroup scheduling on ({@code /proc/sys/kernel/sched_autogroup_enabled}, the default on
 * Debian), CFS shares a core first between autogroups, one per session, and only then between the
 * threads inside one. Servers started straight from the benchmark's JVM all sit in its session, so
 * the core is split per thread and a server with more runnable threads takes more of it, whatever
 * its cost per request; in their own sessions each server gets an equal share and its throughput
 * reflects what a request costs it. An A/A control (two identical servers side by side) read −4.3 %
 * without own sessions and −1.2 % with them (docs/benchmarks.md, tracing overhead).
 *
 * <p>{@code setsid} runs the command in its own process (it forks only when started as a process
 * group leader, which a child of the JVM is not), so the process the benchmark holds is the server
 * itself and its CPU time is the server's.
 */
public final class PinnedLaunch {

  private PinnedLaunch() {}

  /**
   * The words to put before a server's command: {@code taskset -c cpus setsid}, or none when {@code
   * cpus} is null (placement left to the kernel, in the benchmark's session).
   */
  public static List<String> prefix(String cpus) {
    return cpus == null ? List.of() : List.of("taskset", "-c", cpus, "setsid");
  }
}

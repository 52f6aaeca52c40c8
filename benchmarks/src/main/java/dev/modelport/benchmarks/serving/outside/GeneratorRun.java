package dev.modelport.benchmarks.serving.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a C load generator ({@code wrk} or {@code h2load}) pinned to the generator's CPUs,
 * with the CPU time it used. The generator runs under {@code sh -c '"$@"; cat /proc/$$/stat'}: once
 * the shell has waited for it, the shell's {@code cutime} and {@code cstime} are exactly the
 * generator's user and system time, all threads included.
 *
 * @param output what the generator printed (stdout and stderr)
 * @param exitCode its exit status
 * @param wallSeconds from start to exit
 * @param cpuSeconds its user + system CPU time
 * @param cores the CPUs it was pinned to
 */
public record GeneratorRun(
    String output, int exitCode, double wallSeconds, double cpuSeconds, int cores) {

  /**
   * A run whose generator used more than this share of its cores is INVALID: the generator may have
   * been the bottleneck.
   */
  public static final double MAX_CPU_SHARE = 0.8;

  /** The generator's CPU time over the run, as a share of its cores (1.0 = all of them busy). */
  public double cpuShare() {
    return cpuSeconds / (wallSeconds * cores);
  }

  /** True when the generator used more than {@link #MAX_CPU_SHARE} of its cores. */
  public boolean invalid() {
    return cpuShare() > MAX_CPU_SHARE;
  }

  /**
   * Runs {@code command} under {@code taskset -c cpus} (no pinning when {@code cpus} is null) and
   * waits for it, at most {@code timeoutSeconds}.
   *
   * @param work a folder for the stat file
   */
  public static GeneratorRun run(String cpus, List<String> command, Path work, long timeoutSeconds)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path stat = Files.createTempFile(work, "generator-", ".stat");
    List<String> line = new ArrayList<>();
    if (cpus != null) {
      line.addAll(List.of("taskset", "-c", cpus));
    }
    line.addAll(List.of("sh", "-c", "\"$@\"; s=$?; cat /proc/$$/stat > \"$0\"; exit $s"));
    line.add(stat.toString());
    line.addAll(command);
    Path log = Files.createTempFile(work, "generator-", ".out");
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException("generator ran past " + timeoutSeconds + " s: " + command);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    String output = Files.readString(log, StandardCharsets.UTF_8);
    String statLine = Files.readString(stat, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    Files.deleteIfExists(stat);
    if (statLine.isBlank()) {
      throw new IOException("no CPU accounting for " + command + "; output:\n" + output);
    }
    double cpu = ClockTicks.seconds(ProcStat.parse(statLine).childrenTicks());
    int cores = cpus != null ? CpuList.count(cpus) : Runtime.getRuntime().availableProcessors();
    return new GeneratorRun(output, p.exitValue(), wall, cpu, cores);
  }
}

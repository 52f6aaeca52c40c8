package dev.modelport.benchmarks.serving;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged serving-service as a child process, started on benchmark ports with system
 * properties, ready once {@code GET /v2/health/ready} answers 200; closing stops it (SIGTERM, then
 * SIGKILL after 30 s). Its output goes to {@code benchmarks/target/serving-<label>.log}.
 */
public final class ServerProcess implements AutoCloseable {

  public static final int REST_PORT = 18080;
  public static final int GRPC_PORT = 18081;

  /** {@code sysconf(_SC_CLK_TCK)}: 100 on Linux for every common architecture. */
  private static final int CLOCK_TICKS = 100;

  private final Process process;

  private ServerProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code java -Xmx1g -jar jar} with {@code properties} as {@code -D} options (on top of
   * the local source, the repository and the benchmark ports) and waits up to 3 minutes for
   * readiness. System property {@code bench.server.jvm-options} adds JVM options (space-separated).
   * The environment has {@code MALLOC_ARENA_MAX=2}, as {@code ./modelport up} sets it, unless the
   * benchmark's own environment sets it.
   */
  public static ServerProcess start(
      Path jar, Path models, String label, Map<String, String> properties)
      throws IOException, InterruptedException {
    return start(jar, models, label, properties, REST_PORT, GRPC_PORT, null);
  }

  /**
   * The same on other ports, pinned to {@code cpus} and in a session of its own (see {@link
   * PinnedLaunch}; null leaves the placement to the kernel), so that two servers can run side by
   * side and share the cores equally.
   */
  public static ServerProcess start(
      Path jar,
      Path models,
      String label,
      Map<String, String> properties,
      int restPort,
      int grpcPort,
      String cpus)
      throws IOException, InterruptedException {
    Path log = Path.of("benchmarks/target/serving-" + label + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.addAll(PinnedLaunch.prefix(cpus));
    command.addAll(List.of("java", "-Xmx1g"));
    String jvmOptions = System.getProperty("bench.server.jvm-options", "").trim();
    if (!jvmOptions.isEmpty()) {
      command.addAll(List.of(jvmOptions.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-Dmodelport.serving.source=local",
            "-Dmodelport.serving.repository=" + models,
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + restPort,
            "-Dquarkus.grpc.server.host=127.0.0.1",
            "-Dquarkus.grpc.server.port=" + grpcPort));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder
        .environment()
        .putIfAbsent("MALLOC_ARENA_MAX", "2"); // as './modelport up' runs it (README, Operations)
    Process p = builder.start();
    ServerProcess server = new ServerProcess(p);
    try (V2Clients probe = new V2Clients("127.0.0.1", restPort, grpcPort)) {
      long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!probe.ready()) {
        if (!p.isAlive() || System.nanoTime() > until) {
          server.close();
          throw new IllegalStateException("the server did not become ready; see " + log);
        }
        Thread.sleep(250);
      }
    }
    ServingBenchmark.log("server ready (" + label + ")");
    return server;
  }

  public long pid() {
    return process.pid();
  }

  /** CPU time (user and system) the server process has used so far, in seconds. */
  public double cpuSeconds() throws IOException {
    return cpuSeconds(pid());
  }

  /**
   * CPU time (user and system) of process {@code pid} so far, from {@code /proc/<pid>/stat}, in
   * seconds.
   */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is the state (field 3 of proc(5)); utime and stime are fields 14 and 15.
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / (double) CLOCK_TICKS;
  }

  /** The process's resident set size ({@code VmRSS} of {@code /proc/<pid>/status}) in bytes. */
  public long residentBytes() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc/" + pid() + "/status"), StandardCharsets.UTF_8)) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024; // kB
      }
    }
    throw new IOException("no VmRSS in /proc/" + pid() + "/status");
  }

  /**
   * Runs a full garbage collection in the server ({@code jcmd <pid> GC.run}), so that a resident
   * size read next reflects live data rather than garbage not yet collected.
   */
  public void collectGarbage() throws IOException, InterruptedException {
    jcmd("GC.run");
  }

  /** Runs {@code jcmd <pid> command...} against the server and returns what it printed. */
  public String jcmd(String... command) throws IOException, InterruptedException {
    List<String> line =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid())));
    line.addAll(List.of(command));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", line) + " failed: " + output);
    }
    return output;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

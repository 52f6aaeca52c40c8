package dev.modelport.cli.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child process, its output going to its log file. Owns the process:
 * {@link #stop} ends it (SIGTERM, a grace period for Quarkus' graceful shutdown, then SIGKILL).
 *
 * <p>Threading: {@link #stop} may be called from a shutdown hook while another thread waits in
 * {@link #awaitReady}; both are safe to call more than once.
 */
final class ChildService {

  private static final Duration GRACE = Duration.ofSeconds(20);

  /** The exit code of a JVM ended by SIGINT: what Ctrl-C in a terminal sends every process. */
  static final int CTRL_C_EXIT = 130;

  private final ServiceLaunch launch;
  private final Process process;
  private volatile boolean stopping;

  private final long startedNanos = System.nanoTime();

  private ChildService(ServiceLaunch launch, Process process) {
    this.launch = launch;
    this.process = process;
  }

  /** Time since the process was started. */
  Duration uptime() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /**
   * Starts the process in {@code workingDir} with the launch's environment added, truncating its
   * log file.
   */
  static ChildService start(ServiceLaunch launch, Path workingDir) throws IOException {
    Files.createDirectories(launch.logFile().getParent());
    ProcessBuilder builder =
        new ProcessBuilder(launch.command())
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(launch.logFile().toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(launch.environment());
    Process process = builder.start();
    return new ChildService(launch, process);
  }

  ServiceLaunch launch() {
    return launch;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  boolean stopping() {
    return stopping;
  }

  /** Completes when the process ends, with its exit code. */
  java.util.concurrent.CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /**
   * Waits until the readiness URL answers 200.
   *
   * @throws SuiteStartException when the process ends first or {@code timeout} passes
   */
  void awaitReady(ReadinessProbe probe, Duration timeout)
      throws SuiteStartException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        if (process.exitValue() == CTRL_C_EXIT) {
          throw new SuiteStartException(launch.service().module() + " stopped by Ctrl-C.", true);
        }
        throw new SuiteStartException(
            launch.service().module()
                + " exited with code "
                + process.exitValue()
                + " while starting:\n"
                + LogDiagnosis.explain(launch.logFile())
                + "\nLast lines of "
                + launch.logFile()
                + ":\n"
                + logTail(15));
      }
      if (probe.isReady(launch.readinessUrl())) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new SuiteStartException(
            launch.service().module()
                + " did not answer "
                + launch.readinessUrl()
                + " within "
                + timeout.toSeconds()
                + " s. From "
                + launch.logFile()
                + ":\n"
                + LogDiagnosis.explain(launch.logFile()));
      }
      Thread.sleep(250);
    }
  }

  /** Asks the process to stop without waiting (SIGTERM). */
  void requestStop() {
    stopping = true;
    process.destroy();
  }

  /** Stops the process: SIGTERM, up to 20 s, then SIGKILL; returns once it is gone. */
  void stop() {
    requestStop();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(launch.logFile());
      return "    "
          + String.join("\n    ", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "    (cannot read the log: " + e.getMessage() + ")";
    }
  }
}

package dev.modelport.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Modelport service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as a
 * process of its own, the way users run it: for crash tests ({@link #kill()} is a real SIGKILL),
 * shutdown tests ({@link #stop()} is SIGTERM) and cross-service tests. The process's output goes to
 * a log file, which failures quote. Owns the process: {@link #close()} stops it.
 *
 * <p>Not thread-safe; one test drives it.
 */
public final class PackagedService implements AutoCloseable {

  private final Spec spec;
  private Process process;

  private PackagedService(Spec spec) {
    this.spec = spec;
  }

  /** The jar of {@code module} (e.g. {@code registry-service}) in this checkout. */
  public static Path jar(String module) {
    return ExampleModels.projectRoot()
        .resolve(module)
        .resolve("target")
        .resolve("quarkus-app")
        .resolve("quarkus-run.jar");
  }

  /** True when {@code module} has been packaged ({@code ./mvnw package} ran). */
  public static boolean isPackaged(String module) {
    return Files.isRegularFile(jar(module));
  }

  /** A service of {@code module}, to configure and {@link Builder#start()}. */
  public static Builder of(String module) {
    return new Builder(module);
  }

  /** Starts the process and waits until its readiness URL answers 200. */
  private PackagedService start() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-modules=jdk.incubator.foreign");
    command.addAll(spec.jvmArgs);
    spec.properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(jar(spec.module).toString());
    try {
      Files.createDirectories(spec.log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(spec.workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.log.toFile()));
      builder.environment().putAll(spec.env);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.module, e);
    }
    awaitReady();
    return this;
  }

  /** Waits until the readiness URL answers 200; fails with the log's tail if the process exits. */
  public void awaitReady() {
    await(spec.module + " ready at " + spec.readiness)
        .atMost(spec.startTimeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    spec.module + " exited with " + process.exitValue() + ":\n" + logTail(40));
              }
              return Http.status(spec.readiness) == 200;
            });
  }

  /** Starts the same service again, on the same ports and data, after {@link #kill()} or stop. */
  public PackagedService restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(spec.module + " is still running");
    }
    return start();
  }

  /** SIGKILL, as a crash: nothing runs in the process after it. Waits until it has exited. */
  public void kill() {
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, then waits up to {@code grace} for a clean exit; returns the exit code. */
  public int stop(Duration grace) {
    process.destroy();
    if (!waitForExit(grace)) {
      process.destroyForcibly();
      waitForExit(Duration.ofSeconds(30));
    }
    return process.exitValue();
  }

  /** SIGTERM with a 30 s grace. */
  public int stop() {
    return stop(Duration.ofSeconds(30));
  }

  /** The running process. */
  public Process process() {
    return process;
  }

  /** The log file the service writes to. */
  public Path log() {
    return spec.log;
  }

  /** The last {@code lines} lines of the log. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(spec.log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      stop(Duration.ofSeconds(20));
    }
  }

  private record Spec(
      String module,
      List<String> jvmArgs,
      Map<String, String> properties,
      Map<String, String> env,
      Path workDir,
      Path log,
      URI readiness,
      Duration startTimeout) {}

  /** Settings of a {@link PackagedService}; {@link #start()} launches it. */
  public static final class Builder {
    private final String module;
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workDir = ExampleModels.projectRoot();
    private Path log;
    private URI readiness;
    private Duration startTimeout = Duration.ofSeconds(90);

    private Builder(String module) {
      this.module = module;
    }

    /** A JVM option, such as {@code -Xmx256m}. */
    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    /** A system property ({@code -Dkey=value}): Quarkus configuration. */
    public Builder property(String key, Object value) {
      properties.put(key, String.valueOf(value));
      return this;
    }

    /** An environment variable of the process. */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** The working directory (default: the project root). */
    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /** Where the output goes (default: {@code <module>.log} in the working directory). */
    public Builder log(Path file) {
      this.log = file;
      return this;
    }

    /** Sets {@code quarkus.http.port} and waits on {@code /q/health/ready} of that port. */
    public Builder httpPort(int port) {
      property("quarkus.http.port", port);
      property("quarkus.http.host", "127.0.0.1");
      if (readiness == null) {
        readiness = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
      }
      return this;
    }

    /** The URL that answers 200 once the service is ready (default: from {@link #httpPort}). */
    public Builder readiness(URI uri) {
      this.readiness = uri;
      return this;
    }

    /** Longest wait for readiness (default 90 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /** Starts the service and waits until it is ready. */
    public PackagedService start() {
      if (readiness == null) {
        throw new IllegalStateException("set httpPort or readiness before start");
      }
      Path logFile = log != null ? log : workDir.resolve(module + ".log");
      return new PackagedService(
              new Spec(
                  module,
                  List.copyOf(jvmArgs),
                  Map.copyOf(properties),
                  Map.copyOf(env),
                  workDir,
                  logFile,
                  readiness,
                  startTimeout))
          .start();
    }
  }
}

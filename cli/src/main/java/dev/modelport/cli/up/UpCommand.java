package dev.modelport.cli.up;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code modelport up}: runs the whole suite on this machine with its embedded defaults and blocks
 * until Ctrl-C or SIGTERM, whose shutdown hook stops everything it started.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole suite locally: an in-process Kafka broker, registry-service (H2 file database, "
          + "filesystem blobs), serving-service (local model repository) and drift-monitor.",
      "Ctrl-C stops it. Needs the packaged services: ./mvnw install -DskipTests"
    })
public final class UpCommand implements Callable<Integer> {

  /** System property: stop the suite when the parent process exits (set under Maven). */
  public static final String STOP_WITH_PARENT = "modelport.stop-with-parent";

  @Spec private CommandSpec spec;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Project root (default: found above the working directory).")
  private Path home;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "modelport-data",
      description = "Data and logs (default: ${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "Local model repository served by serving-service (default: <home>/examples/models).")
  private Path models;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description = "Kafka port (default: ${DEFAULT-VALUE}).")
  private int kafkaPort;

  @Option(
      names = "--registry-port",
      paramLabel = "PORT",
      defaultValue = "8090",
      description = "Registry HTTP port (default: ${DEFAULT-VALUE}).")
  private int registryPort;

  @Option(
      names = "--serving-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Serving REST port (default: ${DEFAULT-VALUE}).")
  private int servingPort;

  @Option(
      names = "--grpc-port",
      paramLabel = "PORT",
      defaultValue = "8081",
      description = "Serving gRPC port (default: ${DEFAULT-VALUE}).")
  private int grpcPort;

  @Option(
      names = "--drift-port",
      paramLabel = "PORT",
      defaultValue = "8092",
      description = "Drift-monitor HTTP port (default: ${DEFAULT-VALUE}).")
  private int driftPort;

  @Option(names = "--no-registry", description = "Do not start registry-service.")
  private boolean noRegistry;

  @Option(names = "--no-drift", description = "Do not start drift-monitor.")
  private boolean noDrift;

  @Option(
      names = "--start-timeout",
      paramLabel = "SECONDS",
      defaultValue = "180",
      description = "Longest wait for each service to be ready (default: ${DEFAULT-VALUE}).")
  private int startTimeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    UpSettings settings = settings(Path.of("").toAbsolutePath());
    PrintStream out = System.out;
    RunningSuite suite = new RunningSuite(out);
    Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "modelport-stop"));
    if (Boolean.getBoolean(STOP_WITH_PARENT)) {
      stopWhenParentExits(out);
    }
    try {
      SuiteLauncher launcher = new SuiteLauncher(settings, out);
      launcher.startInto(suite);
      out.println();
      out.println("Modelport is up. Ctrl-C stops it.");
      out.print(UrlTable.render(settings, suite.bootstrapServers()));
    } catch (SuiteStartException e) {
      if (suite.isClosed()) {
        return 130;
      }
      System.err.println(e.getMessage());
      suite.close();
      return 1;
    }
    suite.awaitClosed();
    return 0;
  }

  /**
   * Under {@code mvn exec:exec} a SIGTERM to Maven does not reach this JVM: Maven just exits. With
   * {@value #STOP_WITH_PARENT} set (the cli pom sets it), the suite stops when its parent process
   * ends, so that nothing is left behind.
   */
  private static void stopWhenParentExits(PrintStream out) {
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          out.println(
                              "The parent process (pid " + parent.pid() + ") exited; stopping.");
                          System.exit(143);
                        }));
  }

  /**
   * The settings these options give, resolved against {@code workingDir}.
   *
   * @throws ParameterException naming the option when a value is invalid
   */
  public UpSettings settings(Path workingDir) {
    Path projectHome = resolveHome(workingDir);
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("--kafka-port", kafkaPort);
    if (!noRegistry) {
      ports.put("--registry-port", registryPort);
    }
    ports.put("--serving-port", servingPort);
    ports.put("--grpc-port", grpcPort);
    if (!noDrift) {
      ports.put("--drift-port", driftPort);
    }
    Map<Integer, String> owners = new LinkedHashMap<>();
    ports.forEach(
        (option, port) -> {
          if (port < 1 || port > 65535) {
            throw usage(option + " must be a port between 1 and 65535, got " + port);
          }
          String other = owners.putIfAbsent(port, option);
          if (other != null) {
            throw usage(
                other + " and " + option + " are both " + port + "; give one of them another port");
          }
        });
    if (startTimeoutSeconds < 1) {
      throw usage("--start-timeout must be at least 1 second, got " + startTimeoutSeconds);
    }
    Path modelsDir =
        models == null
            ? projectHome.resolve("examples").resolve("models")
            : workingDir.resolve(models);
    return new UpSettings(
        projectHome,
        workingDir.resolve(dataDir).normalize(),
        modelsDir.normalize(),
        kafkaPort,
        registryPort,
        servingPort,
        grpcPort,
        driftPort,
        !noRegistry,
        !noDrift,
        Duration.ofSeconds(startTimeoutSeconds));
  }

  private Path resolveHome(Path workingDir) {
    if (home != null) {
      Path dir = workingDir.resolve(home).normalize();
      if (!ProjectHome.isProjectRoot(dir)) {
        throw usage(
            "--home " + dir + " is not the Modelport project root (no mvnw and examples/ there)");
      }
      return dir;
    }
    return ProjectHome.find(workingDir)
        .orElseThrow(
            () ->
                usage(
                    "Cannot find the Modelport project root (a folder with mvnw and examples/) at or above "
                        + workingDir
                        + "; run from the project or pass --home"));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}

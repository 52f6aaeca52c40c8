package dev.modelport.cli.up;

import dev.modelport.cli.suite.SuiteEndpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code modelport up}: runs the whole suite on this machine with its embedded defaults and blocks
 * until Ctrl-C or SIGTERM, whose shutdown hook stops everything it started. One {@code up} per data
 * folder ({@link UpLock}, taken before anything starts); once everything is ready it writes {@code
 * <data-dir>/up.properties} ({@link SuiteEndpoints}) for the client commands.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole suite locally: an in-process Kafka broker, registry-service (H2 file database, "
          + "filesystem blobs, security off), serving-service (serving the registry's champions, "
          + "every inference sent to the broker) and drift-monitor (reading the broker and the "
          + "registry). The first time on a data folder it registers the example models with "
          + "their training baselines and points champion at them.",
      "Listens on 127.0.0.1 unless --host. Ctrl-C stops it. Exit code 1 when it cannot start "
          + "(also when an up already runs on the data folder), 2 for a usage error.",
      "Needs the packaged services: ./mvnw install -DskipTests"
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
      defaultValue = "${env:MODELPORT_DATA_DIR:-modelport-data}",
      description = "Data and logs (default: ${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "Model folders (model.yaml, model.onnx or model.pt, train.csv) registered on the first "
              + "start; with --no-registry, the local repository serving serves "
              + "(default: <home>/examples/models).")
  private Path models;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = UpSettings.LOOPBACK,
      description =
          "Address the services listen on (default: ${DEFAULT-VALUE}, this machine only). "
              + "0.0.0.0 exposes them, with security off: a warning says so.")
  private String host;

  @Option(
      names = "--set",
      paramLabel = "SERVICE.KEY=VALUE",
      description =
          "A setting of one service (registry, serving or drift), passed to it as -DKEY=VALUE and "
              + "overriding up's own, e.g. --set serving.modelport.serving.events.sample-rate=0.5. "
              + "Repeatable; wins over --config.")
  private List<String> sets = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A properties file of SERVICE.KEY=VALUE lines, as --set.")
  private Path config;

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
    UpLock lock;
    try {
      lock = UpLock.acquire(settings.dataDir());
    } catch (UpLock.AlreadyRunningException e) {
      System.err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      System.err.println(
          "Cannot use the data folder "
              + settings.dataDir()
              + " ("
              + e
              + "); choose another with --data-dir.");
      return 1;
    }
    RunningSuite suite = new RunningSuite(out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  lock.close();
                  suite.close();
                },
                "modelport-stop"));
    if (Boolean.getBoolean(STOP_WITH_PARENT)) {
      stopWhenParentExits(out);
    }
    try {
      SuiteLauncher launcher = new SuiteLauncher(settings, out);
      launcher.startInto(suite);
      suite.markUp();
      lock.publish(endpoints(settings, suite));
      out.println();
      out.println("Modelport is up. Ctrl-C stops it.");
      out.print(UrlTable.render(settings, suite.bootstrapServers(), launcher.servedModels()));
    } catch (SuiteStartException e) {
      if (suite.isClosed() || e.interrupted()) {
        return 130;
      }
      System.err.println(e.getMessage());
      lock.close();
      suite.close();
      return 1;
    }
    suite.awaitClosed();
    return 0;
  }

  /** Where the started suite answers, for {@code up.properties}. */
  static SuiteEndpoints endpoints(UpSettings settings, RunningSuite suite) {
    return new SuiteEndpoints(
        ProcessHandle.current().pid(),
        settings.localUrl(settings.registryPort()),
        settings.localUrl(settings.servingPort()),
        UpSettings.LOOPBACK + ":" + settings.grpcPort(),
        settings.localUrl(settings.driftPort()),
        suite.bootstrapServers());
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
    if (host == null || host.isBlank()) {
      throw usage("--host must be an address, e.g. 127.0.0.1 or 0.0.0.0");
    }
    ServiceSettings serviceSettings;
    try {
      serviceSettings =
          ServiceSettings.parse(config == null ? null : workingDir.resolve(config), sets);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
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
        Duration.ofSeconds(startTimeoutSeconds),
        host.trim(),
        serviceSettings);
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

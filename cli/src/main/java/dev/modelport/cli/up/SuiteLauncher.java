package dev.modelport.cli.up;

import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.registryclient.RegistryClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the local suite into a {@link RunningSuite}: checks jars and ports, starts the in-process
 * Kafka broker and creates the events topic, starts registry-service and waits until it answers
 * {@code /q/health/ready}, then serving-service and drift-monitor (their startups overlap with the
 * registration of the example models, {@link ExampleRegistrar}), waits until both are ready and
 * until serving serves each registered model.
 *
 * <p>On failure what was started stays in the suite for the caller to close. Progress goes to
 * {@code out}; the broker's own log goes to {@code <data-dir>/logs/kafka.log}. Cost: the broker
 * takes about 2 s, each Quarkus service 5 to 30 s on two cores.
 */
public final class SuiteLauncher {

  private final UpSettings settings;
  private final PrintStream out;
  private final LaunchPlanner planner;
  private List<ExampleRegistrar.ServedModel> servedModels = List.of();

  public SuiteLauncher(UpSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.planner = new LaunchPlanner(settings, LaunchPlanner.currentJava());
  }

  /**
   * Starts everything into {@code suite}; returns once every service is ready, the example models
   * are registered and serving serves each of them.
   */
  public void startInto(RunningSuite suite) throws SuiteStartException, InterruptedException {
    new PreflightCheck(settings).verify();
    prepareDirectories();
    routeBrokerLog();
    String bootstrap = startBroker(suite);
    warnings(settings).forEach(out::println);
    List<ServiceLaunch> plan = planner.plan(bootstrap);
    ReadinessProbe probe = new ReadinessProbe();
    // The registry first: serving and drift-monitor follow it from their first moment.
    List<ServiceLaunch> rest = new ArrayList<>(plan);
    if (settings.registryEnabled()) {
      ServiceLaunch registry = rest.remove(0);
      awaitReady(start(registry, suite), probe);
    }
    List<ChildService> others = new ArrayList<>();
    for (ServiceLaunch launch : rest) {
      others.add(start(launch, suite));
    }
    if (settings.registryEnabled()) {
      RegistryClient client =
          RegistryClient.builder(URI.create(planner.registryUrl()))
              .requestTimeout(Duration.ofSeconds(60))
              .build();
      servedModels = new ExampleRegistrar(client, out).registerAll(settings.models());
    }
    for (ChildService child : others) {
      awaitReady(child, probe);
    }
    for (ExampleRegistrar.ServedModel model : servedModels) {
      awaitServed(model, probe);
    }
  }

  /** The console warnings of these settings: security off, and the exposure of {@code --host}. */
  static List<String> warnings(UpSettings settings) {
    List<String> warnings = new ArrayList<>();
    if (settings.registryEnabled()) {
      warnings.add(
          "WARNING: registry-service runs with modelport.registry.security.enabled=false: every"
              + " caller is an anonymous admin. This is for a laptop only.");
    }
    if (settings.exposed()) {
      warnings.add(
          "WARNING: --host "
              + settings.host()
              + " exposes the services beyond this machine with security off: anyone who reaches"
              + " it can register models, move aliases and call them. The broker stays on"
              + " 127.0.0.1.");
    }
    return warnings;
  }

  /** The models serving serves (their champions), once {@link #startInto} returned. */
  public List<ExampleRegistrar.ServedModel> servedModels() {
    return servedModels;
  }

  private ChildService start(ServiceLaunch launch, RunningSuite suite) throws SuiteStartException {
    try {
      ChildService child = ChildService.start(launch, Path.of("").toAbsolutePath());
      suite.add(child);
      out.printf(
          "Starting %s (pid %d, log %s)%n",
          launch.service().module(), child.handle().pid(), launch.logFile());
      return child;
    } catch (IOException e) {
      throw new SuiteStartException(
          "Cannot start " + launch.service().module() + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new SuiteStartException("Stopped while starting.", true);
    }
  }

  private void awaitReady(ChildService child, ReadinessProbe probe)
      throws SuiteStartException, InterruptedException {
    child.awaitReady(probe, settings.startTimeout());
    out.printf(
        "%s is ready (%.1f s)%n",
        child.launch().service().module(), child.uptime().toMillis() / 1e3);
  }

  /** Waits until serving answers the model version's readiness with 200. */
  private void awaitServed(ExampleRegistrar.ServedModel model, ReadinessProbe probe)
      throws SuiteStartException, InterruptedException {
    long begin = System.nanoTime();
    URI ready =
        URI.create(
            settings.localUrl(settings.servingPort())
                + "/v2/models/"
                + model.name()
                + "/versions/"
                + model.version()
                + "/ready");
    long deadline = begin + settings.startTimeout().toNanos();
    while (!probe.isReady(ready)) {
      if (System.nanoTime() > deadline) {
        throw new SuiteStartException(
            "serving-service did not serve "
                + model.name()
                + " version "
                + model.version()
                + " within "
                + settings.startTimeout().toSeconds()
                + " s ("
                + ready
                + "). From "
                + settings.logDir().resolve(Service.SERVING.module() + ".log")
                + ":\n"
                + LogDiagnosis.explain(
                    settings.logDir().resolve(Service.SERVING.module() + ".log")));
      }
      Thread.sleep(250);
    }
    out.printf(
        "serving-service serves %s version %s (%s) (%.1f s)%n",
        model.name(), model.version(), ExampleRegistrar.ALIAS, (System.nanoTime() - begin) / 1e9);
  }

  /** The planner used, for the URL table and tests. */
  public LaunchPlanner planner() {
    return planner;
  }

  private void prepareDirectories() throws SuiteStartException {
    try {
      Files.createDirectories(settings.logDir());
      Files.createDirectories(settings.kafkaDir());
    } catch (IOException e) {
      throw new SuiteStartException(
          "Cannot create " + settings.dataDir() + " (" + e + "); choose another with --data-dir.",
          e);
    }
  }

  /** Sends slf4j-simple (the broker's logging here) to a file, unless configured already. */
  private void routeBrokerLog() {
    String file = settings.logDir().resolve("kafka.log").toString();
    System.setProperty(
        "org.slf4j.simpleLogger.logFile",
        System.getProperty("org.slf4j.simpleLogger.logFile", file));
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "info"));
  }

  private String startBroker(RunningSuite suite) throws SuiteStartException {
    out.printf(
        "Starting Kafka on 127.0.0.1:%d (data %s, log %s)%n",
        settings.kafkaPort(), settings.kafkaDir(), settings.logDir().resolve("kafka.log"));
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .dataDirectory(settings.kafkaDir())
            .port(settings.kafkaPort())
            .build();
    try {
      broker.start();
      suite.setBroker(broker);
      broker.createTopics(UpSettings.TOPIC_PARTITIONS, UpSettings.TOPIC);
    } catch (RuntimeException e) {
      broker.close();
      throw new SuiteStartException(
          "The Kafka broker did not start ("
              + e.getMessage()
              + "); see "
              + settings.logDir().resolve("kafka.log")
              + ". Another port: --kafka-port; another data folder: --data-dir.",
          e);
    }
    return broker.bootstrapServers();
  }
}

package dev.modelport.cli.up;

import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the local suite into a {@link RunningSuite}: checks jars and ports, starts the in-process
 * Kafka broker and creates the events topic, starts registry-service, serving-service and
 * drift-monitor as child processes (all at once, their startups overlap) and waits until each
 * answers {@code /q/health/ready}.
 *
 * <p>On failure what was started stays in the suite for the caller to close. Progress goes to
 * {@code out}; the broker's own log goes to {@code <data-dir>/logs/kafka.log}. Cost: the broker
 * takes about 2 s, each Quarkus service 5 to 30 s on two cores.
 */
public final class SuiteLauncher {

  private final UpSettings settings;
  private final PrintStream out;
  private final LaunchPlanner planner;

  public SuiteLauncher(UpSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.planner = new LaunchPlanner(settings, LaunchPlanner.currentJava());
  }

  /** Starts everything into {@code suite}; returns once every service is ready. */
  public void startInto(RunningSuite suite) throws SuiteStartException, InterruptedException {
    new PreflightCheck(settings).verify();
    prepareDirectories();
    routeBrokerLog();
    String bootstrap = startBroker(suite);
    if (settings.registryEnabled()) {
      out.println(
          "WARNING: registry-service runs with modelport.registry.security.enabled=false: every caller is an "
              + "anonymous admin. This is for a laptop only; never expose these ports.");
    }
    List<ChildService> started = new ArrayList<>();
    for (ServiceLaunch launch : planner.plan(bootstrap)) {
      try {
        ChildService child = ChildService.start(launch, Path.of("").toAbsolutePath());
        suite.add(child);
        started.add(child);
        out.printf(
            "Starting %s (pid %d, log %s)%n",
            launch.service().module(), child.handle().pid(), launch.logFile());
      } catch (IOException e) {
        throw new SuiteStartException(
            "Cannot start " + launch.service().module() + ": " + e.getMessage(), e);
      } catch (IllegalStateException e) {
        throw new SuiteStartException("Stopped while starting.", e);
      }
    }
    ReadinessProbe probe = new ReadinessProbe();
    long begin = System.nanoTime();
    for (ChildService child : started) {
      child.awaitReady(probe, settings.startTimeout());
      out.printf(
          "%s is ready (%.1f s)%n",
          child.launch().service().module(), (System.nanoTime() - begin) / 1e9);
    }
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

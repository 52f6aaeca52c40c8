package dev.modelport.cli.up;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code modelport up} needs, resolved: absolute paths and ports. Built by {@link
 * UpCommand} from its options (which validates them); immutable.
 *
 * @param projectHome the Modelport project root (holds {@code mvnw}, {@code examples/} and the
 *     service modules)
 * @param dataDir where the broker data ({@code kafka/}), the registry data ({@code registry/}) and
 *     the logs ({@code logs/}) go
 * @param models the model folders registered in the registry on the first start (each with a {@code
 *     model.yaml}); with no registry, the local repository that serving serves
 * @param startTimeout how long each service may take to answer its readiness check
 * @param host the address the services listen on ({@value #LOOPBACK} unless {@code --host})
 * @param serviceSettings the {@code --set} and {@code --config} settings of each service
 */
public record UpSettings(
    Path projectHome,
    Path dataDir,
    Path models,
    int kafkaPort,
    int registryPort,
    int servingPort,
    int grpcPort,
    int driftPort,
    boolean registryEnabled,
    boolean driftEnabled,
    Duration startTimeout,
    String host,
    ServiceSettings serviceSettings) {

  /** The default listen address: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";

  /** The inference events topic, created with {@link #TOPIC_PARTITIONS} partitions. */
  public static final String TOPIC = "modelport.inference-events";

  public static final int TOPIC_PARTITIONS = 3;

  public UpSettings {
    Objects.requireNonNull(projectHome);
    Objects.requireNonNull(dataDir);
    Objects.requireNonNull(models);
    Objects.requireNonNull(startTimeout);
    Objects.requireNonNull(host);
    Objects.requireNonNull(serviceSettings);
  }

  /** Settings on {@value #LOOPBACK} with no per-service settings. */
  public UpSettings(
      Path projectHome,
      Path dataDir,
      Path models,
      int kafkaPort,
      int registryPort,
      int servingPort,
      int grpcPort,
      int driftPort,
      boolean registryEnabled,
      boolean driftEnabled,
      Duration startTimeout) {
    this(
        projectHome,
        dataDir,
        models,
        kafkaPort,
        registryPort,
        servingPort,
        grpcPort,
        driftPort,
        registryEnabled,
        driftEnabled,
        startTimeout,
        LOOPBACK,
        ServiceSettings.NONE);
  }

  /** Whether the services listen beyond this machine (a {@code --host} other than loopback). */
  public boolean exposed() {
    return !(host.equals(LOOPBACK) || host.equals("localhost") || host.equals("::1"));
  }

  /** The base URL of a service's HTTP port as clients on this machine reach it. */
  public java.net.URI localUrl(int port) {
    return java.net.URI.create("http://" + LOOPBACK + ":" + port);
  }

  /** The services to start, in start order. */
  public List<Service> services() {
    List<Service> services = new ArrayList<>();
    if (registryEnabled) {
      services.add(Service.REGISTRY);
    }
    services.add(Service.SERVING);
    if (driftEnabled) {
      services.add(Service.DRIFT);
    }
    return services;
  }

  /** Every port the suite will listen on (broker and enabled services). */
  public List<PortUse> ports() {
    List<PortUse> ports = new ArrayList<>();
    ports.add(new PortUse(kafkaPort, "Kafka broker", "--kafka-port"));
    if (registryEnabled) {
      ports.add(new PortUse(registryPort, "registry HTTP", "--registry-port"));
    }
    ports.add(new PortUse(servingPort, "serving REST", "--serving-port"));
    ports.add(new PortUse(grpcPort, "serving gRPC", "--grpc-port"));
    if (driftEnabled) {
      ports.add(new PortUse(driftPort, "drift-monitor HTTP", "--drift-port"));
    }
    return ports;
  }

  /** The folder of the child processes' output, {@code <data-dir>/logs}. */
  public Path logDir() {
    return dataDir.resolve("logs");
  }

  /** The broker's data folder, {@code <data-dir>/kafka}. */
  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }
}

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
 * @param models the local model repository served by serving-service
 * @param startTimeout how long each service may take to answer its readiness check
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
    Duration startTimeout) {

  /** The inference events topic, created with {@link #TOPIC_PARTITIONS} partitions. */
  public static final String TOPIC = "modelport.inference-events";

  public static final int TOPIC_PARTITIONS = 3;

  public UpSettings {
    Objects.requireNonNull(projectHome);
    Objects.requireNonNull(dataDir);
    Objects.requireNonNull(models);
    Objects.requireNonNull(startTimeout);
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

package dev.modelport.e2e;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite as processes, the way a user runs it: an embedded Kafka broker (in this JVM), the
 * packaged registry on H2 in a temporary folder (security off), serving with the registry source
 * and inference events on, and drift-monitor. Every service binds 127.0.0.1 on free ports. Close
 * stops them in reverse order.
 */
final class Suite implements AutoCloseable {

  static final String TOPIC = "modelport.inference-events";

  final Path work;
  private final int kafkaPort;
  private final int kafkaControllerPort;
  private EmbeddedKafkaBroker kafka;
  final URI registry;
  final URI serving;
  final int servingGrpcPort;
  final URI drift;
  PackagedService registryProcess;
  PackagedService servingProcess;
  PackagedService driftProcess;

  private Suite(Builder b) {
    for (String module : List.of("registry-service", "serving-service", "drift-monitor")) {
      assumeThat(PackagedService.isPackaged(module))
          .as(module + " is not packaged: run ./mvnw verify from the root (it packages it first)")
          .isTrue();
    }
    this.work = b.work;
    int[] ports = FreePorts.next(6);
    kafkaPort = ports[4];
    kafkaControllerPort = ports[5];
    startKafka();
    kafka.createTopics(1, TOPIC);
    registry = URI.create("http://127.0.0.1:" + ports[0]);
    serving = URI.create("http://127.0.0.1:" + ports[1]);
    servingGrpcPort = ports[2];
    drift = URI.create("http://127.0.0.1:" + ports[3]);

    try {
      startServices(b, ports);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private void startServices(Builder b, int[] ports) {
    PackagedService.Builder reg =
        PackagedService.of("registry-service")
            .httpPort(ports[0])
            .workDir(work)
            .log(work.resolve("registry.log"))
            .property("modelport.registry.data-dir", work.resolve("registry"))
            .property("modelport.registry.security.enabled", false)
            .jvmArg("-Xmx256m");
    b.registry.forEach(reg::property);
    registryProcess = reg.start();

    PackagedService.Builder srv =
        PackagedService.of("serving-service")
            .httpPort(ports[1])
            .readiness(URI.create(serving + "/q/health/live"))
            .workDir(work)
            .log(work.resolve("serving.log"))
            .property("quarkus.grpc.server.port", servingGrpcPort)
            .property("quarkus.grpc.server.host", "127.0.0.1")
            .property("modelport.serving.source", "registry")
            .property("modelport.serving.registry.url", registry)
            .property("modelport.serving.registry.poll-wait", "2s")
            .property("modelport.serving.cache-dir", work.resolve("serving-cache"))
            .property("kafka.bootstrap.servers", kafkaServers())
            .property("modelport.serving.engine.onnx.intra-op-threads", 1)
            .env("MALLOC_ARENA_MAX", "2")
            .jvmArg("-Xmx512m");
    b.serving.forEach(srv::property);
    servingProcess = srv.start();

    PackagedService.Builder dm =
        PackagedService.of("drift-monitor")
            .httpPort(ports[3])
            .workDir(work)
            .log(work.resolve("drift-monitor.log"))
            .property("modelport.drift.consumer.bootstrap-servers", kafkaServers())
            .property("modelport.drift.registry.url", registry)
            .jvmArg("-Xmx384m");
    b.drift.forEach(dm::property);
    driftProcess = dm.start();
  }

  /** The broker's {@code bootstrap.servers}; the same across {@link #stopKafka} and restarts. */
  String kafkaServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** Stops the broker (as an outage: the services keep running). */
  void stopKafka() {
    kafka.close();
    kafka = null;
  }

  /** Starts the broker on its port and data folder: what was written before is there again. */
  void startKafka() {
    kafka =
        EmbeddedKafkaBroker.builder()
            .dataDirectory(work.resolve("kafka"))
            .port(kafkaPort)
            .controllerPort(kafkaControllerPort)
            .build()
            .start();
  }

  static Builder in(Path work) {
    return new Builder(work);
  }

  /** A registry client of this suite's registry. */
  RegistryClient registryClient() {
    return RegistryClient.builder(registry).build();
  }

  @Override
  public void close() {
    for (PackagedService s :
        new PackagedService[] {driftProcess, servingProcess, registryProcess}) {
      if (s != null) {
        s.close();
      }
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Extra properties per service. */
  static final class Builder {
    private final Path work;
    private final Map<String, Object> registry = new LinkedHashMap<>();
    private final Map<String, Object> serving = new LinkedHashMap<>();
    private final Map<String, Object> drift = new LinkedHashMap<>();

    private Builder(Path work) {
      this.work = work;
    }

    Builder registry(String key, Object value) {
      registry.put(key, value);
      return this;
    }

    Builder serving(String key, Object value) {
      serving.put(key, value);
      return this;
    }

    Builder drift(String key, Object value) {
      drift.put(key, value);
      return this;
    }

    Suite start() {
      return new Suite(this);
    }
  }
}

package dev.modelport.cli.up;

import dev.modelport.cli.demo.DemoWindow;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link ServiceLaunch} of each service from the {@link UpSettings}: the embedded
 * defaults (H2 file database, filesystem blobs; serving follows the registry and publishes every
 * inference to the broker; drift-monitor reads the broker and the registry) plus the listen
 * address, ports, paths, the broker address and the user's per-service settings. Pure: starts
 * nothing.
 */
public final class LaunchPlanner {

  static final String FOREIGN_MEMORY = "--add-modules=jdk.incubator.foreign";
  static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";
  private static final String READINESS_PATH = "/q/health/ready";

  /**
   * drift-monitor's readiness includes the registry; without one ({@code --no-registry}) it never
   * gets ready, so {@code up} waits for it to be live instead.
   */
  private static final String LIVENESS_PATH = "/q/health/live";

  private final UpSettings settings;
  private final Path javaExecutable;

  public LaunchPlanner(UpSettings settings, Path javaExecutable) {
    this.settings = settings;
    this.javaExecutable = javaExecutable;
  }

  /** The java launcher of the running JVM. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The launches of the enabled services, in start order. */
  public List<ServiceLaunch> plan(String bootstrapServers) {
    return settings.services().stream().map(service -> launch(service, bootstrapServers)).toList();
  }

  /**
   * The launch of one service: what {@code up} sets, then the service's {@code --config} and {@code
   * --set} settings (which override it).
   */
  public ServiceLaunch launch(Service service, String bootstrapServers) {
    Map<String, String> properties = new LinkedHashMap<>();
    int httpPort;
    switch (service) {
      case REGISTRY -> {
        httpPort = settings.registryPort();
        properties.put(
            "modelport.registry.data-dir", settings.dataDir().resolve("registry").toString());
        // Laptop only: every caller is an anonymous admin (SuiteLauncher says so on the console).
        properties.put("modelport.registry.security.enabled", "false");
      }
      case SERVING -> {
        httpPort = settings.servingPort();
        properties.put("quarkus.grpc.server.port", String.valueOf(settings.grpcPort()));
        properties.put("quarkus.grpc.server.host", settings.host());
        if (settings.registryEnabled()) {
          properties.put("modelport.serving.source", "registry");
          properties.put("modelport.serving.registry.url", registryUrl());
          properties.put(
              "modelport.serving.cache-dir",
              settings.dataDir().resolve("serving-cache").toString());
          properties.putAll(CanaryDefaults.servingSettings());
        } else {
          properties.put("modelport.serving.source", "local");
          properties.put("modelport.serving.repository", settings.models().toString());
        }
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("modelport.serving.events.sample-rate", "1.0");
      }
      case DRIFT -> {
        httpPort = settings.driftPort();
        properties.put("modelport.drift.consumer.bootstrap-servers", bootstrapServers);
        properties.put("modelport.drift.registry.url", registryUrl());
        properties.put("modelport.drift.report-base-url", settings.localUrl(httpPort).toString());
        properties.putAll(DemoWindow.driftMonitorSettings());
      }
      default -> throw new IllegalArgumentException("unknown service " + service);
    }
    properties.put("quarkus.http.port", String.valueOf(httpPort));
    properties.put("quarkus.http.host", settings.host());
    properties.putAll(settings.serviceSettings().of(service));
    String probePath =
        service == Service.DRIFT && !settings.registryEnabled() ? LIVENESS_PATH : READINESS_PATH;
    List<String> jvmOptions = service.needsForeignMemory() ? List.of(FOREIGN_MEMORY) : List.of();
    return new ServiceLaunch(
        service,
        javaExecutable,
        jvmOptions,
        properties,
        environment(service),
        service.jar(settings.projectHome()),
        settings.logDir().resolve(service.module() + ".log"),
        URI.create(settings.localUrl(httpPort) + probePath));
  }

  /**
   * The serving service gets {@code MALLOC_ARENA_MAX=2} unless the caller's environment sets it:
   * the engines' native memory, freed on unload, otherwise stays resident in up to 8 glibc arenas
   * per core (README, Operations).
   */
  private static Map<String, String> environment(Service service) {
    if (service == Service.SERVING && System.getenv(MALLOC_ARENA_MAX) == null) {
      return Map.of(MALLOC_ARENA_MAX, "2");
    }
    return Map.of();
  }

  /** The registry's base URL as the other services reach it. */
  public String registryUrl() {
    return settings.localUrl(settings.registryPort()).toString();
  }
}

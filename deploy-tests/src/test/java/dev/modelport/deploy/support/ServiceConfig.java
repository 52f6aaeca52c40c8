package dev.modelport.deploy.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * A service's own configuration, read from its {@code src/main/resources/application.properties}
 * (prod profile: keys without {@code %profile.}), with Quarkus' defaults for what it does not set,
 * so that the chart's and the images' ports and paths are compared with the real ones instead of
 * being typed a second time.
 */
public final class ServiceConfig {

  private final String module;
  private final Properties properties = new Properties();

  private ServiceConfig(String module) {
    this.module = module;
    Path file =
        ProjectFiles.root().resolve(module).resolve("src/main/resources/application.properties");
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ServiceConfig of(String module) {
    return new ServiceConfig(module);
  }

  public String module() {
    return module;
  }

  /** A key of the prod profile, or null. */
  public String get(String key) {
    return properties.getProperty(key);
  }

  private String required(String key) {
    String value = get(key);
    if (value == null) {
      throw new IllegalStateException(module + " sets no " + key);
    }
    return value;
  }

  /** {@code quarkus.http.port} (the module must set it: Quarkus' 8080 is nobody's on purpose). */
  public int httpPort() {
    return Integer.parseInt(required("quarkus.http.port"));
  }

  /** {@code quarkus.grpc.server.port}. */
  public int grpcPort() {
    return Integer.parseInt(required("quarkus.grpc.server.port"));
  }

  /** {@code quarkus.http.non-application-root-path}, default {@code q}, as an absolute path. */
  public String nonApplicationRoot() {
    String root = properties.getProperty("quarkus.http.non-application-root-path", "q");
    return root.startsWith("/") ? root : "/" + root;
  }

  /** SmallRye Health's root ({@code quarkus.smallrye-health.root-path}, default {@code health}). */
  public String healthRoot() {
    String root = properties.getProperty("quarkus.smallrye-health.root-path", "health");
    return root.startsWith("/") ? root : nonApplicationRoot() + "/" + root;
  }

  private String healthPath(String key, String fallback) {
    String path = properties.getProperty(key, fallback);
    return path.startsWith("/") ? path : healthRoot() + "/" + path;
  }

  /** The liveness path ({@code quarkus.smallrye-health.liveness-path}, default {@code live}). */
  public String livenessPath() {
    return healthPath("quarkus.smallrye-health.liveness-path", "live");
  }

  /** The readiness path ({@code quarkus.smallrye-health.readiness-path}, default {@code ready}). */
  public String readinessPath() {
    return healthPath("quarkus.smallrye-health.readiness-path", "ready");
  }

  /** The startup path ({@code quarkus.smallrye-health.startup-path}, default {@code started}). */
  public String startupPath() {
    return healthPath("quarkus.smallrye-health.startup-path", "started");
  }

  /** The Prometheus path ({@code quarkus.micrometer.export.prometheus.path}, default metrics). */
  public String metricsPath() {
    String path = properties.getProperty("quarkus.micrometer.export.prometheus.path", "metrics");
    return path.startsWith("/") ? path : nonApplicationRoot() + "/" + path;
  }

  /** {@code quarkus.shutdown.timeout}, or zero when unset. */
  public Duration shutdownTimeout() {
    String value = get("quarkus.shutdown.timeout");
    return value == null ? Duration.ZERO : Duration.parse("PT" + value.toUpperCase());
  }
}

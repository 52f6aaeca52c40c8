package dev.modelport.cli.connect;

import dev.modelport.cli.console.CommandFailure;
import dev.modelport.cli.suite.SuiteEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The connection options every client command accepts after its name ({@code modelport models list
 * --registry URL}). Each defaults to what a running {@code modelport up} recorded in {@code
 * <data-dir>/up.properties} ({@link SuiteEndpoints}), and without one to {@link
 * SuiteEndpoints#DEFAULTS}; an explicit option wins. Mixed into the commands by picocli.
 */
public final class ConnectionOptions {

  @Option(
      names = "--registry",
      paramLabel = "URL",
      description =
          "registry-service base URL (default: the running up's, else http://127.0.0.1:8090)")
  URI registry;

  @Option(
      names = "--serving",
      paramLabel = "URL",
      description =
          "serving-service REST base URL (default: the running up's, else http://127.0.0.1:8080)")
  URI serving;

  @Option(
      names = "--grpc",
      paramLabel = "HOST:PORT",
      arity = "0..1",
      fallbackValue = "",
      description =
          "infer and bench: call serving over gRPC, at HOST:PORT if given (default: the running"
              + " up's, else 127.0.0.1:8081)")
  String grpc;

  @Option(
      names = "--drift",
      paramLabel = "URL",
      description =
          "drift-monitor base URL (default: the running up's, else http://127.0.0.1:8092)")
  URI drift;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:MODELPORT_API_KEY}",
      description =
          "registry API key (default: $MODELPORT_API_KEY; none under up, whose security is off)")
  String apiKey;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:MODELPORT_DATA_DIR:-modelport-data}",
      description =
          "data folder of the running up, whose up.properties gives the defaults (default: ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "longest wait for one answer (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  private SuiteEndpoints resolved;

  /** The endpoints these options name, with the defaults filled in. */
  public SuiteEndpoints endpoints() {
    if (resolved == null) {
      SuiteEndpoints base =
          SuiteEndpoints.read(SuiteEndpoints.file(dataDir))
              .filter(SuiteEndpoints::processAlive)
              .orElse(SuiteEndpoints.DEFAULTS);
      resolved =
          new SuiteEndpoints(
              base.pid(),
              registry != null ? registry : base.registry(),
              serving != null ? serving : base.serving(),
              grpc != null && !grpc.isBlank() ? grpc : base.servingGrpc(),
              drift != null ? drift : base.drift(),
              base.kafka());
    }
    return resolved;
  }

  /** Whether {@code --grpc} was given: infer and bench call serving over gRPC. */
  public boolean grpcRequested() {
    return grpc != null;
  }

  /** The registry API key, or null for anonymous calls. */
  public String apiKey() {
    return apiKey == null || apiKey.isBlank() ? null : apiKey;
  }

  /** Longest wait for one answer. */
  public Duration timeout() {
    if (timeoutSeconds < 1) {
      throw new CommandFailure("--timeout must be at least 1 second, got " + timeoutSeconds);
    }
    return Duration.ofSeconds(timeoutSeconds);
  }

  /** The registry these options name, as the commands call it. */
  public Registry registry() {
    return new Registry(endpoints().registry(), apiKey(), timeout());
  }
}

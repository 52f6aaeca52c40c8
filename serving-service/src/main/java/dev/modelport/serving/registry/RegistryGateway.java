package dev.modelport.serving.registry;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.ChecksumMismatchException;
import dev.modelport.registryclient.RegistryApiException;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RetryPolicy;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.Page;
import dev.modelport.registryclient.api.RegisteredModel;
import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.metrics.ServingMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The registry calls of the registry source, each through SmallRye Fault Tolerance: retried with
 * backoff, behind one circuit breaker per method that opens after repeated failures so that an
 * unreachable registry costs a fast failure, not a timeout per call. Answers from the registry that
 * are errors of the request (4xx) and checksum mismatches are not retried. Each failed attempt
 * counts {@code modelport.registry.call.failures{operation}}. Thread-safe.
 */
@ApplicationScoped
public class RegistryGateway {

  @Inject ServingConfig config;
  @Inject ServingMetrics metrics;

  private volatile RegistryClient client;

  /** The client (built on first use from {@code modelport.serving.registry.*}). */
  public RegistryClient client() {
    RegistryClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          URI url =
              config
                  .registry()
                  .url()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "modelport.serving.source=registry needs "
                                  + "modelport.serving.registry.url (e.g. http://localhost:8090)"));
          RegistryClient.Builder b =
              RegistryClient.builder(url)
                  .connectTimeout(Duration.ofSeconds(2))
                  .requestTimeout(Duration.ofSeconds(30))
                  .retry(RetryPolicy.none());
          config.registry().apiKey().ifPresent(b::apiKey);
          client = b.build();
        }
        c = client;
      }
    }
    return c;
  }

  /** Every registered model with its aliases. */
  @Retry(
      maxRetries = 2,
      delay = 200,
      jitter = 100,
      maxDuration = 10,
      durationUnit = ChronoUnit.SECONDS,
      abortOn = RegistryApiException.class)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
  public List<RegisteredModel> models() {
    return counted(
        "list-models",
        () -> {
          List<RegisteredModel> all = new ArrayList<>();
          int offset = 0;
          while (true) {
            Page<RegisteredModel> page = client().listModels(null, null, offset, 100);
            all.addAll(page.items());
            if (!page.hasMore() || page.items().isEmpty()) {
              return all;
            }
            offset += page.items().size();
          }
        });
  }

  /** One version's metadata. */
  @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = RegistryApiException.class)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
  public ModelVersion version(String model, VersionNumber version) {
    return counted("get-version", () -> client().getVersion(model, version));
  }

  /**
   * Streams a version's artifact into {@code out}; returns the SHA-256 the bytes hash to. Not
   * retried here (the client resumes an interrupted download itself; a retry would write the bytes
   * twice): the next reconciliation tries again.
   */
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 5000,
      skipOn = ChecksumMismatchException.class)
  public String download(String model, VersionNumber version, OutputStream out) {
    return counted("download-artifact", () -> client().downloadArtifact(model, version, out));
  }

  /** The newest change-feed sequence number. */
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
  public long lastEventSeq() {
    return counted("last-event", () -> client().lastEventSeq());
  }

  private <T> T counted(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      metrics.registryCallFailed(operation);
      throw e;
    }
  }
}

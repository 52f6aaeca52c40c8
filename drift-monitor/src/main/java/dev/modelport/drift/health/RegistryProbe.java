package dev.modelport.drift.health;

import dev.modelport.registryclient.RegistryApiException;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryClientException;
import dev.modelport.registryclient.RetryPolicy;
import java.net.URI;
import java.time.Duration;

/**
 * Asks the registry for one page of one model ({@code GET /api/v1/models?limit=1}, with the API key
 * the drift-monitor reads with), once and within a timeout: up only when it answers 200, so a
 * refused key counts as down too. Thread-safe.
 */
public final class RegistryProbe {

  private final RegistryClient client;
  private final URI url;

  public RegistryProbe(URI url, String apiKey, Duration timeout) {
    RegistryClient.Builder b =
        RegistryClient.builder(url)
            .connectTimeout(timeout)
            .requestTimeout(timeout)
            .retry(RetryPolicy.none());
    if (apiKey != null) {
      b.apiKey(apiKey);
    }
    this.client = b.build();
    this.url = url;
  }

  /** Whether the registry answered its model list; the detail says what went wrong. */
  public ProbeResult check() {
    try {
      client.listModels(null, null, 0, 1);
      return new ProbeResult(true, url.toString());
    } catch (RegistryApiException e) {
      return new ProbeResult(false, url + " answered " + e.status() + ": " + e.error());
    } catch (RegistryClientException e) {
      return new ProbeResult(false, url + " unreachable: " + e.getMessage());
    }
  }
}

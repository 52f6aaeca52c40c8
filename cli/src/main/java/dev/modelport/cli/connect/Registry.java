package dev.modelport.cli.connect;

import dev.modelport.cli.console.CommandFailure;
import dev.modelport.registryclient.RegistryApiException;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * The registry as the commands call it: a {@link RegistryClient} whose failures come out as {@link
 * CommandFailure}s that name the registry's URL and say what to do ("model 'x' not found in the
 * registry at http://...", "cannot reach the registry at ..."). One per command run.
 */
public final class Registry {
  private final URI url;
  private final RegistryClient client;

  Registry(URI url, String apiKey, Duration timeout) {
    this.url = url;
    this.client =
        RegistryClient.builder(url)
            .apiKey(apiKey)
            .connectTimeout(Duration.ofSeconds(5))
            .requestTimeout(timeout)
            .build();
  }

  /** The registry's base URL. */
  public URI url() {
    return url;
  }

  /** Runs {@code call} on the client, turning its failures into one-line command failures. */
  public <T> T call(Function<RegistryClient, T> call) {
    try {
      return call.apply(client);
    } catch (RegistryApiException e) {
      throw new CommandFailure(describe(e));
    } catch (RegistryUnavailableException e) {
      throw new CommandFailure(
          "cannot reach the registry at "
              + url
              + " ("
              + Unreachable.reason(e.getCause())
              + "): is 'modelport up' running? Another suite: --registry URL");
    }
  }

  private String describe(RegistryApiException e) {
    String at = "the registry at " + url;
    return switch (e.status()) {
      case 404 -> e.error() + " in " + at;
      case 401 ->
          at + " wants an API key (" + e.error() + "): pass --api-key KEY or set MODELPORT_API_KEY";
      case 403 -> at + " refused the key (" + e.error() + "): this needs a publisher or admin key";
      default ->
          e.status() >= 500
              ? at + " failed (" + e.status() + "): " + e.error()
              : at + " refused it (" + e.status() + "): " + e.error();
    };
  }
}

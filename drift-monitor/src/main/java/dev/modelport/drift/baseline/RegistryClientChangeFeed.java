package dev.modelport.drift.baseline;

import dev.modelport.registryclient.EventSubscription;
import dev.modelport.registryclient.RegistryClient;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@link RegistryChangeFeed} over {@link RegistryClient#followEvents}: a long-poll loop on a daemon
 * thread (retrying with backoff while the registry is down). Starts from sequence 0: replaying old
 * events only invalidates cache entries, which is cheap.
 */
public final class RegistryClientChangeFeed implements RegistryChangeFeed {

  private final RegistryClient client;
  private final Duration wait;
  private EventSubscription subscription;

  public RegistryClientChangeFeed(RegistryClient client, Duration wait) {
    this.client = client;
    this.wait = wait;
  }

  @Override
  public synchronized void start(Consumer<String> listener) {
    if (subscription != null) {
      throw new IllegalStateException("already started");
    }
    subscription =
        client.followEvents(
            0,
            wait,
            event -> {
              if (event.model() != null) {
                listener.accept(event.model());
              }
            });
  }

  @Override
  public synchronized void close() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }
}

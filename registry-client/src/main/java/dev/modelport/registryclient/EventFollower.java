package dev.modelport.registryclient;

import dev.modelport.registryclient.api.ChangeEvent;
import dev.modelport.registryclient.api.EventBatch;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Long-poll loop behind {@link RegistryClient#followEvents}: one daemon thread per subscription
 * that polls, delivers each event in order and advances its cursor only after the listener
 * returned. Failures back off exponentially (reset after a successful poll).
 */
final class EventFollower implements EventSubscription, Runnable {
  private static final Logger LOG = Logger.getLogger(EventFollower.class.getName());

  private final RegistryClient client;
  private final Duration wait;
  private final RetryPolicy backoff;
  private final Consumer<ChangeEvent> listener;
  private final Thread thread;
  private volatile long cursor;
  private volatile boolean closed;

  private EventFollower(
      RegistryClient client,
      long after,
      Duration wait,
      RetryPolicy retry,
      Consumer<ChangeEvent> listener) {
    this.client = client;
    this.cursor = after;
    this.wait = wait;
    this.backoff =
        new RetryPolicy(
            Integer.MAX_VALUE,
            retry.initialBackoff().isZero() ? Duration.ofMillis(200) : retry.initialBackoff(),
            retry.maxBackoff().isZero() ? Duration.ofSeconds(5) : retry.maxBackoff());
    this.listener = listener;
    this.thread = new Thread(this, "registry-event-follower");
    thread.setDaemon(true);
  }

  static EventFollower start(
      RegistryClient client,
      long after,
      Duration wait,
      RetryPolicy retry,
      Consumer<ChangeEvent> listener) {
    EventFollower follower = new EventFollower(client, after, wait, retry, listener);
    follower.thread.start();
    return follower;
  }

  @Override
  public void run() {
    int failures = 0;
    while (!closed) {
      try {
        EventBatch batch = client.pollEvents(cursor, wait);
        for (ChangeEvent event : batch.events()) {
          if (closed) {
            return;
          }
          listener.accept(event);
          cursor = event.seq();
        }
        if (batch.events().isEmpty()) {
          cursor = Math.max(cursor, batch.last());
        }
        failures = 0;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        failures++;
        LOG.log(
            Level.WARNING,
            // MessageFormat pattern: an apostrophe must be doubled, or it quotes the placeholders
            "following the registry''s change feed failed (attempt {0}), retrying: {1}",
            new Object[] {failures, e.toString()});
        try {
          Thread.sleep(backoff.backoff(failures).toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @Override
  public long lastSeq() {
    return cursor;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

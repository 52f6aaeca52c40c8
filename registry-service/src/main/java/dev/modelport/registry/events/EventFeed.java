package dev.modelport.registry.events;

import dev.modelport.registry.RegistryConfig;
import dev.modelport.registryclient.api.ChangeEvent;
import dev.modelport.registryclient.api.EventBatch;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Long polls on the change feed. A poll that finds no event parks a waiter instead of a thread; one
 * scheduler thread re-checks the parked waiters when this instance commits an event ({@link
 * #wakeUp()}) and every {@code poll-interval} (for events committed by other registry instances on
 * the same database), and answers each at its deadline with an empty batch.
 */
@ApplicationScoped
public class EventFeed {
  private static final Logger LOG = Logger.getLogger(EventFeed.class);

  private final EventLog log;
  private final RegistryConfig config;

  @Inject
  EventFeed(EventLog log, RegistryConfig config) {
    this.log = log;
    this.config = config;
  }

  private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService scheduler;

  private record Waiter(
      long after, int limit, long deadlineNanos, CompletableFuture<EventBatch> answer) {}

  void start(@Observes StartupEvent event) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "registry-event-feed");
              thread.setDaemon(true);
              return thread;
            });
    long interval = config.events().pollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::checkWaiters, interval, interval, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    scheduler.shutdownNow();
    waiters.forEach(w -> w.answer.complete(new EventBatch(List.of(), w.after)));
  }

  /**
   * Events after {@code after}; when there are none yet, completes when one commits or after {@code
   * wait} (capped to {@code max-wait}) with an empty batch. Blocks the caller only for the first
   * query.
   */
  public CompletionStage<EventBatch> await(long after, Duration wait, int limit) {
    int cappedLimit = Math.max(1, Math.min(limit, config.events().maxBatch()));
    List<ChangeEvent> events = log.after(after, cappedLimit);
    Duration capped =
        wait.compareTo(config.events().maxWait()) > 0 ? config.events().maxWait() : wait;
    if (!events.isEmpty() || capped.isZero() || capped.isNegative()) {
      return CompletableFuture.completedFuture(batch(after, events));
    }
    Waiter waiter =
        new Waiter(
            after, cappedLimit, System.nanoTime() + capped.toNanos(), new CompletableFuture<>());
    waiters.add(waiter);
    scheduler.schedule(this::checkWaiters, capped.toMillis() + 1, TimeUnit.MILLISECONDS);
    return waiter.answer;
  }

  /** Number of polls parked now, waiting for an event or their deadline. */
  public int parkedPolls() {
    return waiters.size();
  }

  /** Tells parked polls that this instance committed an event. */
  public void wakeUp() {
    if (!waiters.isEmpty()) {
      scheduler.execute(this::checkWaiters);
    }
  }

  private void checkWaiters() {
    if (waiters.isEmpty()) {
      return;
    }
    try {
      long last = log.lastSeq();
      long now = System.nanoTime();
      for (Waiter waiter : waiters) {
        if (last > waiter.after) {
          List<ChangeEvent> events = log.after(waiter.after, waiter.limit);
          if (!events.isEmpty()) {
            answer(waiter, batch(waiter.after, events));
            continue;
          }
        }
        if (now - waiter.deadlineNanos >= 0) {
          answer(waiter, batch(waiter.after, List.of()));
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf(
          "Checking the change feed failed; parked polls retry at the next interval: %s",
          e.toString());
    }
  }

  private void answer(Waiter waiter, EventBatch batch) {
    waiters.remove(waiter);
    waiter.answer.complete(batch);
  }

  private static EventBatch batch(long after, List<ChangeEvent> events) {
    return new EventBatch(events, events.isEmpty() ? after : events.get(events.size() - 1).seq());
  }
}

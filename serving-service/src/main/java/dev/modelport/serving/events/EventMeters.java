package dev.modelport.serving.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event metrics (DESIGN.md, "Metrics"): {@code modelport_events_published_total{model}} and
 * {@code modelport_events_dropped_total{reason}}. The dropped counters exist from the start, at 0,
 * so that rates and alerts see every reason before its first drop. Thread-safe; published counters
 * are cached per model.
 */
public final class EventMeters {

  public static final String PUBLISHED = "modelport.events.published";
  public static final String DROPPED = "modelport.events.dropped";

  /** Why an event did not reach Kafka: the {@code reason} tag. */
  public enum DropReason {
    /** The buffer to Kafka was full (Kafka slow or down). */
    BUFFER_FULL("buffer_full"),
    /** The encoded event was larger than {@code modelport.serving.events.max-event-bytes}. */
    TOO_LARGE("too_large"),
    /** Kafka refused it or did not acknowledge it in time. */
    SEND_FAILED("send_failed"),
    /** Still buffered when the service stopped and its close timeout ran out. */
    SHUTDOWN("shutdown");

    private final String tag;

    DropReason(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private final MeterRegistry registry;
  private final Map<String, Counter> published = new ConcurrentHashMap<>();
  private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

  public EventMeters(MeterRegistry registry) {
    this.registry = registry;
    for (DropReason reason : DropReason.values()) {
      dropped.put(
          reason,
          Counter.builder(DROPPED)
              .description("Inference events that did not reach Kafka, by reason")
              .tag("reason", reason.tag())
              .register(registry));
    }
  }

  void published(String model) {
    published
        .computeIfAbsent(
            model,
            m ->
                Counter.builder(PUBLISHED)
                    .description("Inference events acknowledged by Kafka")
                    .tag("model", m)
                    .register(registry))
        .increment();
  }

  void dropped(DropReason reason) {
    dropped.get(reason).increment();
  }
}

package dev.modelport.serving.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request meters of one model version: its in-flight gauge and, per protocol, the request timer
 * and the counters by outcome. {@link ServingMetrics} creates one per version and caches it, so
 * that a request finds its meters with a lookup by constant strings instead of building tag keys
 * and registry lookups per request. Thread-safe.
 */
public final class RequestMeters {

  private final MeterRegistry registry;
  private final MeterRegistry durations;
  private final String model;
  private final String version;
  private final AtomicInteger inflight;
  private final Map<String, ProtocolMeters> protocols = new ConcurrentHashMap<>();
  private volatile Counter canary;

  /**
   * @param registry the counters' registry
   * @param durations the request timers' registry (see {@link ServingMetrics#ServingMetrics(
   *     MeterRegistry, MeterRegistry)})
   */
  RequestMeters(
      MeterRegistry registry,
      MeterRegistry durations,
      String model,
      String version,
      AtomicInteger inflight) {
    this.registry = registry;
    this.durations = durations;
    this.model = model;
    this.version = version;
    this.inflight = inflight;
  }

  /** Requests of this version accepted and not yet answered (the in-flight gauge's value). */
  public AtomicInteger inflight() {
    return inflight;
  }

  /** Counts a request that the canary answered ({@link ServingMetrics#CANARY_REQUESTS}). */
  public void canaryRequest() {
    Counter c = canary;
    if (c == null) {
      c = registry.counter(ServingMetrics.CANARY_REQUESTS, "model", model, "version", version);
      canary = c;
    }
    c.increment();
  }

  /** Counts a finished request and records its duration. */
  public void finished(String protocol, String outcome, long nanos) {
    ProtocolMeters p = protocols.get(protocol);
    if (p == null) {
      p = protocols.computeIfAbsent(protocol, ProtocolMeters::new);
    }
    p.duration.record(nanos, TimeUnit.NANOSECONDS);
    Counter counter = ServingMetrics.SUCCESS.equals(outcome) ? p.success : p.outcome(outcome);
    counter.increment();
  }

  private final class ProtocolMeters {
    final String protocol;
    final Timer duration;
    final Counter success;
    final Map<String, Counter> others = new ConcurrentHashMap<>();

    ProtocolMeters(String protocol) {
      this.protocol = protocol;
      this.duration =
          Timer.builder(ServingMetrics.REQUEST_DURATION)
              .description("Inference request duration, from decoded request to result")
              .tags("model", model, "version", version, "protocol", protocol)
              .publishPercentileHistogram()
              .register(durations);
      this.success = outcome(ServingMetrics.SUCCESS);
    }

    Counter outcome(String outcome) {
      return others.computeIfAbsent(
          outcome,
          o ->
              Counter.builder(ServingMetrics.REQUESTS)
                  .description("Inference requests by protocol and outcome")
                  .tags("model", model, "version", version, "protocol", protocol, "outcome", o)
                  .register(registry));
    }
  }
}

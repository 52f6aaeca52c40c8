package dev.modelport.drift.support;

import dev.modelport.protocol.event.TraceParent;
import java.util.concurrent.ThreadLocalRandom;

/** Random W3C trace contexts for events, as serving would set them. */
public final class TracedEvents {

  private TracedEvents() {}

  /** A new trace context with random ids. */
  public static TraceParent randomTrace(boolean sampled) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new TraceParent(
        String.format("%016x%016x", r.nextLong() | 1, r.nextLong()),
        String.format("%016x", r.nextLong() | 1),
        sampled);
  }
}

package dev.modelport.drift.window;

import dev.modelport.protocol.event.TraceParent;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded sample of trace contexts a window's evaluation span links to: the first {@code
 * maxLinks} distinct sampled {@code traceparent}s of the window's events, in event order (first
 * come, not a reservoir: deterministic, and free once full). Unsampled and absent trace contexts
 * are ignored. Owned by its window on the consumer thread; not thread-safe. Cost: at most {@code
 * maxLinks} entries, a linear duplicate check while filling.
 */
public final class TraceLinks {

  /** The default bound ({@code modelport.drift.tracing.max-links}). */
  public static final int DEFAULT_MAX_LINKS = 32;

  private final int maxLinks;
  private final List<TraceParent> links;
  private int traced;

  public TraceLinks(int maxLinks) {
    if (maxLinks < 0) {
      throw new IllegalArgumentException("maxLinks must not be negative: " + maxLinks);
    }
    this.maxLinks = maxLinks;
    this.links = new ArrayList<>(Math.min(maxLinks, DEFAULT_MAX_LINKS));
  }

  /** Takes an event's trace context: null or unsampled is ignored; kept while there is room. */
  public void offer(TraceParent trace) {
    if (trace == null || !trace.sampled()) {
      return;
    }
    traced++;
    if (links.size() < maxLinks && !links.contains(trace)) {
      links.add(trace);
    }
  }

  /** The kept trace contexts, in event order (an immutable copy). */
  public List<TraceParent> links() {
    return List.copyOf(links);
  }

  /** Events offered with a sampled trace context, kept or not. */
  public int tracedEvents() {
    return traced;
  }
}

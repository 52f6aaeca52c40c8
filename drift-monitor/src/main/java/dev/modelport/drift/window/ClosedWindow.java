package dev.modelport.drift.window;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.protocol.event.TraceParent;
import java.time.Instant;
import java.util.List;

/**
 * A window that stopped taking events, ready to be compared with the baseline. The profile is
 * handed over: the window no longer touches it.
 *
 * @param key model version
 * @param partition Kafka partition its events came from
 * @param firstOffset offset of its first event
 * @param lastOffset offset of its last event
 * @param rows rows profiled
 * @param events events profiled
 * @param firstEventAt timestamp of its first event
 * @param lastEventAt timestamp of its last event
 * @param reason why it closed
 * @param profile the live profile
 * @param outputs the live profile of the output columns (prediction drift); null when the version
 *     profiles no output
 * @param traceLinks the sampled trace contexts of its events the evaluation span links to, in event
 *     order, at most {@code modelport.drift.tracing.max-links} (see {@link TraceLinks})
 * @param tracedEvents its events that carried a sampled trace context, linked or not
 */
public record ClosedWindow(
    ModelVersionKey key,
    int partition,
    long firstOffset,
    long lastOffset,
    long rows,
    int events,
    Instant firstEventAt,
    Instant lastEventAt,
    CloseReason reason,
    DatasetProfile profile,
    DatasetProfile outputs,
    List<TraceParent> traceLinks,
    int tracedEvents) {

  public ClosedWindow {
    traceLinks = List.copyOf(traceLinks);
  }
}

package dev.modelport.drift.window;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.protocol.event.TraceParent;
import java.time.Instant;

/**
 * An open window of one model version on one partition: the live profile of its rows and the Kafka
 * offsets it covers. Owned by the consumer thread; not thread-safe.
 */
public final class DriftWindow {

  private final ModelVersionKey key;
  private final int partition;
  private final WindowPolicy policy;
  private final DatasetProfile profile;
  private final DatasetProfile outputs;
  private final TraceLinks traces;
  private final Instant openedAt;
  private final long firstOffset;
  private final long firstEventMicros;
  private final long openedAtNanos;
  private long lastOffset;
  private long lastEventMicros;
  private long rows;
  private int events;

  DriftWindow(
      ModelVersionKey key,
      int partition,
      WindowPolicy policy,
      FeatureSchema schema,
      FeatureSchema outputSchema,
      ProfileOptions options,
      int maxLinks,
      long firstOffset,
      long firstEventMicros,
      long openedAtNanos,
      Instant openedAt) {
    this.key = key;
    this.partition = partition;
    this.policy = policy;
    this.profile = DatasetProfile.create(schema, options);
    this.outputs = outputSchema == null ? null : DatasetProfile.create(outputSchema, options);
    this.traces = new TraceLinks(maxLinks);
    this.openedAt = openedAt;
    this.firstOffset = firstOffset;
    this.firstEventMicros = firstEventMicros;
    this.openedAtNanos = openedAtNanos;
    this.lastOffset = firstOffset;
    this.lastEventMicros = firstEventMicros;
  }

  /** Whether an event at {@code eventMicros} lies past this window's duration (event time). */
  boolean isPastByEventTime(long eventMicros) {
    return eventMicros - firstEventMicros >= policy.maxDuration().toNanos() / 1000;
  }

  /** Whether this window has been open longer than its duration on this process's clock. */
  boolean isPastByWallClock(long nowNanos) {
    return nowNanos - openedAtNanos >= policy.maxDuration().toNanos();
  }

  boolean isFull() {
    return rows >= policy.maxRows();
  }

  FeatureSchema schema() {
    return profile.schema();
  }

  FeatureSchema outputSchema() {
    return outputs == null ? null : outputs.schema();
  }

  /** What the API shows of this window while it is open. */
  OpenWindow snapshot() {
    return new OpenWindow(
        key,
        partition,
        rows,
        events,
        policy.maxRows(),
        openedAt,
        openedAt.plus(policy.maxDuration()),
        micros(firstEventMicros),
        micros(lastEventMicros));
  }

  /**
   * Adds an event's rows.
   *
   * @param trace the event's trace context, or null when it carried none (kept by {@link
   *     TraceLinks} while sampled and there is room)
   */
  void add(EventRows eventRows, TraceParent trace, long offset, long eventMicros) {
    for (RowBlock b : eventRows.blocks()) {
      if (b.data() instanceof float[] f) {
        profile.addRows(f, b.firstFeature(), b.columns());
      } else if (b.data() instanceof double[] d) {
        profile.addRows(d, b.firstFeature(), b.columns());
      } else {
        profile.addRows((long[]) b.data(), b.firstFeature(), b.columns());
      }
    }
    if (outputs != null) {
      for (RowBlock b : eventRows.outputBlocks()) {
        if (b.data() instanceof float[] f) {
          outputs.addRows(f, b.firstFeature(), b.columns());
        } else if (b.data() instanceof double[] d) {
          outputs.addRows(d, b.firstFeature(), b.columns());
        } else {
          outputs.addRows((long[]) b.data(), b.firstFeature(), b.columns());
        }
      }
    }
    traces.offer(trace);
    rows += eventRows.rows();
    events++;
    lastOffset = offset;
    lastEventMicros = Math.max(lastEventMicros, eventMicros);
  }

  ClosedWindow close(CloseReason reason) {
    return new ClosedWindow(
        key,
        partition,
        firstOffset,
        lastOffset,
        rows,
        events,
        micros(firstEventMicros),
        micros(lastEventMicros),
        reason,
        profile,
        outputs,
        traces.links(),
        traces.tracedEvents());
  }

  public ModelVersionKey key() {
    return key;
  }

  public int partition() {
    return partition;
  }

  public long firstOffset() {
    return firstOffset;
  }

  public long rows() {
    return rows;
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}

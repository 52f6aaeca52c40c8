package dev.modelport.drift.window;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.protocol.event.TraceParent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The open windows, one per model version and partition. Adding an event may close windows (by
 * event time before the event, by rows after it); {@link #closeExpired} closes them by the wall
 * clock. Owned by the consumer thread and not thread-safe, except {@link #openWindows}, which any
 * thread may call: it reads immutable snapshots the consumer thread publishes after each event.
 */
public final class WindowBook {

  private record Slot(int partition, ModelVersionKey key) {}

  private final Function<ModelVersionKey, WindowPolicy> policies;
  private final ProfileOptions options;
  private final Map<Slot, DriftWindow> open = new HashMap<>();
  private final Map<Slot, OpenWindow> snapshots = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxLinks;

  public WindowBook(Function<ModelVersionKey, WindowPolicy> policies, ProfileOptions options) {
    this(policies, options, Clock.systemUTC());
  }

  public WindowBook(
      Function<ModelVersionKey, WindowPolicy> policies, ProfileOptions options, Clock clock) {
    this(policies, options, clock, TraceLinks.DEFAULT_MAX_LINKS);
  }

  /**
   * @param maxLinks most trace contexts each window keeps for its evaluation span's links
   */
  public WindowBook(
      Function<ModelVersionKey, WindowPolicy> policies,
      ProfileOptions options,
      Clock clock,
      int maxLinks) {
    if (maxLinks < 0) {
      throw new IllegalArgumentException("maxLinks must not be negative: " + maxLinks);
    }
    this.policies = policies;
    this.options = options;
    this.clock = clock;
    this.maxLinks = maxLinks;
  }

  /** The open windows of {@code key} (one per partition), as of the latest event. Thread-safe. */
  public List<OpenWindow> openWindows(ModelVersionKey key) {
    return snapshots.values().stream()
        .filter(w -> w.key().equals(key))
        .sorted(Comparator.comparingInt(OpenWindow::partition))
        .toList();
  }

  /** The versions with an open window, by model then version. Thread-safe. */
  public List<ModelVersionKey> openKeys() {
    return snapshots.values().stream().map(OpenWindow::key).distinct().sorted().toList();
  }

  /**
   * As {@link #add(int, ModelVersionKey, FeatureSchema, FeatureSchema, long, long, EventRows,
   * long)} without output columns.
   */
  public List<ClosedWindow> add(
      int partition,
      ModelVersionKey key,
      FeatureSchema schema,
      long offset,
      long eventMicros,
      EventRows rows,
      long nowNanos) {
    return add(partition, key, schema, null, offset, eventMicros, rows, nowNanos);
  }

  /**
   * As {@link #add(int, ModelVersionKey, FeatureSchema, FeatureSchema, long, long, EventRows,
   * TraceParent, long)} for an event without trace context.
   */
  public List<ClosedWindow> add(
      int partition,
      ModelVersionKey key,
      FeatureSchema schema,
      FeatureSchema outputSchema,
      long offset,
      long eventMicros,
      EventRows rows,
      long nowNanos) {
    return add(partition, key, schema, outputSchema, offset, eventMicros, rows, null, nowNanos);
  }

  /**
   * Adds an event's rows to its window, opening one if needed.
   *
   * @param schema the version's features (a window whose schema differs is closed first)
   * @param outputSchema the version's output columns, or null when it profiles no output
   * @param trace the event's trace context, or null when it carried none
   * @return windows closed by this event, oldest first (usually none)
   */
  public List<ClosedWindow> add(
      int partition,
      ModelVersionKey key,
      FeatureSchema schema,
      FeatureSchema outputSchema,
      long offset,
      long eventMicros,
      EventRows rows,
      TraceParent trace,
      long nowNanos) {
    List<ClosedWindow> closed = new ArrayList<>(1);
    Slot slot = new Slot(partition, key);
    DriftWindow w = open.get(slot);
    if (w != null
        && (!w.schema().equals(schema) || !Objects.equals(w.outputSchema(), outputSchema))) {
      closed.add(w.close(CloseReason.SIGNATURE_CHANGED));
      w = null;
    } else if (w != null && w.isPastByEventTime(eventMicros)) {
      closed.add(w.close(CloseReason.EVENT_TIME));
      w = null;
    }
    if (w == null) {
      w =
          new DriftWindow(
              key,
              partition,
              policies.apply(key),
              schema,
              outputSchema,
              options,
              maxLinks,
              offset,
              eventMicros,
              nowNanos,
              clock.instant());
      open.put(slot, w);
    }
    w.add(rows, trace, offset, eventMicros);
    if (w.isFull()) {
      closed.add(w.close(CloseReason.ROWS));
      open.remove(slot);
      snapshots.remove(slot);
    } else {
      snapshots.put(slot, w.snapshot());
    }
    return closed;
  }

  /** Closes the windows open longer than their duration on the wall clock. */
  public List<ClosedWindow> closeExpired(long nowNanos) {
    List<ClosedWindow> closed = new ArrayList<>();
    for (Iterator<DriftWindow> it = open.values().iterator(); it.hasNext(); ) {
      DriftWindow w = it.next();
      if (w.isPastByWallClock(nowNanos)) {
        closed.add(w.close(CloseReason.WALL_CLOCK));
        it.remove();
        snapshots.remove(new Slot(w.partition(), w.key()));
      }
    }
    return closed;
  }

  /** The smallest first offset of the windows open on {@code partition}, if any. */
  public OptionalLong firstOpenOffset(int partition) {
    OptionalLong min = OptionalLong.empty();
    for (DriftWindow w : open.values()) {
      if (w.partition() == partition && (min.isEmpty() || w.firstOffset() < min.getAsLong())) {
        min = OptionalLong.of(w.firstOffset());
      }
    }
    return min;
  }

  /**
   * Drops the windows of a partition this consumer no longer owns; their events are re-read by the
   * new owner.
   */
  public void dropPartition(int partition) {
    open.keySet().removeIf(s -> s.partition() == partition);
    snapshots.keySet().removeIf(s -> s.partition() == partition);
  }

  /** Open windows (for tests and diagnostics). */
  public int openCount() {
    return open.size();
  }
}

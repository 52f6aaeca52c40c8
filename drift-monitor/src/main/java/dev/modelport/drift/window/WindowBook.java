package dev.modelport.drift.window;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.profile.ProfileOptions;
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

  /** On the system clock, keeping {@link TraceLinks#DEFAULT_MAX_LINKS} trace contexts a window. */
  public WindowBook(Function<ModelVersionKey, WindowPolicy> policies, ProfileOptions options) {
    this(policies, options, Clock.systemUTC(), TraceLinks.DEFAULT_MAX_LINKS);
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
   * Adds an event's rows to its window, opening one if needed.
   *
   * @param nowNanos {@link System#nanoTime()} now; a window this event opens counts its duration on
   *     the wall clock from it
   * @return windows closed by this event, oldest first (usually none)
   */
  public List<ClosedWindow> add(WindowEvent event, long nowNanos) {
    List<ClosedWindow> closed = new ArrayList<>(1);
    Slot slot = new Slot(event.partition(), event.key());
    DriftWindow w = open.get(slot);
    if (w != null
        && (!w.schema().equals(event.schema())
            || !Objects.equals(w.outputSchema(), event.outputSchema()))) {
      closed.add(w.close(CloseReason.SIGNATURE_CHANGED));
      w = null;
    } else if (w != null && w.isPastByEventTime(event.eventMicros())) {
      closed.add(w.close(CloseReason.EVENT_TIME));
      w = null;
    }
    if (w == null) {
      w =
          new DriftWindow(
              event.key(),
              event.partition(),
              policies.apply(event.key()),
              event.schema(),
              event.outputSchema(),
              options,
              maxLinks,
              event.offset(),
              event.eventMicros(),
              nowNanos,
              clock.instant());
      open.put(slot, w);
    }
    w.add(event.rows(), event.trace(), event.offset(), event.eventMicros());
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

package dev.modelport.drift.consumer;

import dev.modelport.drift.ModelVersionKey;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far this consumer got on one partition: the next offset to read and, per model version, the
 * last offset of its latest evaluated window. The commit is {@code min(first offset of the open
 * windows, position)} with the "closed through" entries that still lie at or after it. Owned by the
 * consumer thread.
 */
final class PartitionProgress {

  private long position;
  private final Map<ModelVersionKey, Long> closedThrough;

  PartitionProgress(long position, Map<ModelVersionKey, Long> closedThrough) {
    this.position = position;
    this.closedThrough = new HashMap<>(closedThrough);
  }

  long position() {
    return position;
  }

  void advanceTo(long nextOffset) {
    position = nextOffset;
  }

  /** Whether the event at {@code offset} of {@code key} belongs to a window evaluated before. */
  boolean alreadyEvaluated(ModelVersionKey key, long offset) {
    Long through = closedThrough.get(key);
    return through != null && offset <= through;
  }

  void windowClosed(ModelVersionKey key, long lastOffset) {
    closedThrough.merge(key, lastOffset, Math::max);
  }

  /** The offset to commit and its metadata; drops entries the commit makes useless. */
  Commit commit(OptionalLong firstOpenOffset) {
    long offset =
        firstOpenOffset.isPresent() ? Math.min(firstOpenOffset.getAsLong(), position) : position;
    closedThrough.values().removeIf(through -> through < offset);
    return new Commit(offset, ClosedThroughMetadata.encode(closedThrough));
  }

  record Commit(long offset, String metadata) {}
}

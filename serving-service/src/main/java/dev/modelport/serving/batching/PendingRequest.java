package dev.modelport.serving.batching;

import dev.modelport.protocol.tensor.Tensor;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A request waiting in a {@link DynamicBatcher}; owned by the batcher. */
final class PendingRequest {
  final List<Tensor> inputs;
  final int rows;
  final long deadlineNanos;
  final long enqueuedNanos;
  final CompletableFuture<List<Tensor>> result = new CompletableFuture<>();

  PendingRequest(List<Tensor> inputs, int rows, long deadlineNanos, long enqueuedNanos) {
    this.inputs = inputs;
    this.rows = rows;
    this.deadlineNanos = deadlineNanos;
    this.enqueuedNanos = enqueuedNanos;
  }

  boolean expiredAt(long now) {
    return deadlineNanos - now <= 0;
  }
}

package dev.modelport.serving.batching;

import dev.modelport.protocol.tensor.Tensor;
import io.opentelemetry.api.trace.SpanContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A request waiting in a {@link DynamicBatcher}; owned by the batcher. {@link #completer} is where
 * its result is completed (and so where the caller's dependent stages run).
 */
final class PendingRequest {
  final List<Tensor> inputs;
  final int rows;
  final long deadlineNanos;
  final long enqueuedNanos;
  final Executor completer;

  /** The request's span context; invalid (and unsampled) when the request is not traced. */
  final SpanContext trace;

  final CompletableFuture<List<Tensor>> result = new CompletableFuture<>();

  PendingRequest(
      List<Tensor> inputs,
      int rows,
      long deadlineNanos,
      long enqueuedNanos,
      Executor completer,
      SpanContext trace) {
    this.inputs = inputs;
    this.rows = rows;
    this.deadlineNanos = deadlineNanos;
    this.enqueuedNanos = enqueuedNanos;
    this.completer = completer;
    this.trace = trace;
  }

  /**
   * Runs {@code completion} on {@link #completer}, or here when the completer refuses it (its event
   * loop is shutting down), so that the result always completes.
   */
  void completeOnCaller(Runnable completion) {
    try {
      completer.execute(completion);
    } catch (RuntimeException e) {
      completion.run();
    }
  }

  boolean expiredAt(long now) {
    return deadlineNanos - now <= 0;
  }
}

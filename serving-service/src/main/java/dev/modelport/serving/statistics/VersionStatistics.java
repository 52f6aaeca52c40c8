package dev.modelport.serving.statistics;

import dev.modelport.serving.batching.BatchListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Triton's statistics of one model version, cumulative since the version was first loaded in this
 * process (reloads keep adding). Fed by the version's batcher (as its {@link BatchListener}: queue
 * time, engine calls) and by the InferenceService (request outcomes). Thread-safe and cheap: adders
 * only.
 *
 * <p>The engine call is one step here, so all of its time is {@code compute_infer}; {@code
 * compute_input} and {@code compute_output} count the same calls with 0 ns. As Triton does, every
 * request of a batch is charged the whole batch's compute time.
 */
public final class VersionStatistics implements BatchListener {

  private final Duration success = new Duration();
  private final Duration fail = new Duration();
  private final Duration queue = new Duration();
  private final Duration computeInfer = new Duration();
  private final LongAdder inferences = new LongAdder();
  private final LongAdder executions = new LongAdder();
  private final AtomicLong lastInferenceMillis = new AtomicLong();
  private final ConcurrentMap<Integer, Duration> batches = new ConcurrentHashMap<>();

  @Override
  public void dequeued(long nanos) {
    queue.add(1, nanos);
  }

  @Override
  public void computed(int requests, int rows, long nanos) {
    computeInfer.add(requests, nanos * requests);
    inferences.add(rows);
    executions.increment();
    batches.computeIfAbsent(rows, r -> new Duration()).add(1, nanos);
  }

  /** A request answered after {@code nanos} (from the edge to its result). */
  public void succeeded(long nanos) {
    success.add(1, nanos);
    lastInferenceMillis.set(System.currentTimeMillis());
  }

  /** A request that reached this version failed after {@code nanos}. */
  public void failed(long nanos) {
    fail.add(1, nanos);
  }

  /** A snapshot for the statistics endpoints. */
  public Snapshot snapshot() {
    Map<Integer, Duration.Snapshot> perBatch = new TreeMap<>();
    batches.forEach((size, d) -> perBatch.put(size, d.snapshot()));
    Duration.Snapshot compute = computeInfer.snapshot();
    Duration.Snapshot none = new Duration.Snapshot(compute.count(), 0);
    return new Snapshot(
        lastInferenceMillis.get(),
        inferences.sum(),
        executions.sum(),
        success.snapshot(),
        fail.snapshot(),
        queue.snapshot(),
        none,
        compute,
        none,
        perBatch);
  }

  /**
   * The statistics at one moment.
   *
   * @param lastInferenceMillis when the last request succeeded (ms since the epoch); 0 for never
   * @param inferenceCount rows inferred by successful engine calls
   * @param executionCount successful engine calls
   * @param batches per batch size (rows): engine calls and their cumulative time
   */
  public record Snapshot(
      long lastInferenceMillis,
      long inferenceCount,
      long executionCount,
      Duration.Snapshot success,
      Duration.Snapshot fail,
      Duration.Snapshot queue,
      Duration.Snapshot computeInput,
      Duration.Snapshot computeInfer,
      Duration.Snapshot computeOutput,
      Map<Integer, Duration.Snapshot> batches) {}
}

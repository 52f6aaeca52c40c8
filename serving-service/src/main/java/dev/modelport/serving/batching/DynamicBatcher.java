package dev.modelport.serving.batching;

import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.error.ModelNotReadyException;
import dev.modelport.serving.error.QueueFullException;
import dev.modelport.serving.error.RequestTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The per-version request queue and its executors: requests wait in a bounded queue, are joined
 * along dimension 0 into batches of up to {@link BatchPolicy#maxBatchSize()} rows and run on
 * {@link BatchPolicy#instances()} threads, each with its own {@link BatchExecutor}; the outputs
 * are split back to the requests exactly.
 *
 * <p>A worker takes the oldest request, then every waiting request that fits (same trailing
 * dimensions, row budget), and waits up to {@code maxQueueDelay} after the oldest request's arrival
 * for more, unless it has reached the largest size or a preferred size with nothing else waiting.
 * Requests whose deadline has passed, or whose caller has given up, are dropped right before the
 * engine call: an expired request never reaches the engine.
 *
 * <p>Thread-safe. {@link #submit} never blocks. {@link #close} stops accepting, lets the queued
 * requests finish (draining), then closes the executors on their threads.
 */
public final class DynamicBatcher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DynamicBatcher.class);

  private final String name;
  private final BatchPolicy policy;
  private final BatchListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<PendingRequest> queue = new ArrayDeque<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * Starts the worker threads; each calls {@code executors.get()} once on its own thread.
   *
   * @param name label for thread names and messages ({@code model version 1})
   */
  public DynamicBatcher(String name, BatchPolicy policy, Supplier<BatchExecutor> executors,
      BatchListener listener) {
    this.name = name;
    this.policy = policy;
    this.listener = listener;
    for (int i = 0; i < policy.instances(); i++) {
      Thread t = new Thread(() -> work(executors), "batcher-" + name.replace(' ', '-') + "-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  public BatchPolicy policy() {
    return policy;
  }

  /**
   * Queues a request.
   *
   * @param inputs input tensors in signature order, already validated
   * @param deadlineNanos {@link System#nanoTime()} after which the request must not run
   * @return the outputs in signature order; completes exceptionally with
   *     {@link RequestTimeoutException} when the deadline passed while queued
   * @throws QueueFullException when {@link BatchPolicy#maxQueueSize()} requests are waiting
   * @throws ModelNotReadyException after {@link #close}
   */
  public CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, long deadlineNanos) {
    PendingRequest request = new PendingRequest(
        inputs, TensorBatches.rows(inputs), deadlineNanos, System.nanoTime());
    lock.lock();
    try {
      if (closed) {
        throw new ModelNotReadyException(name + " is not accepting requests: it is unloading");
      }
      if (queue.size() >= policy.maxQueueSize()) {
        throw new QueueFullException(name + " queue is full (" + policy.maxQueueSize()
            + " requests waiting); retry later");
      }
      queue.addLast(request);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
    return request.result;
  }

  /** Requests waiting, not yet running. */
  public int queueDepth() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Stops accepting, waits up to {@code timeout} for queued and running requests, stops. */
  public void close(Duration timeout) {
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : workers) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<PendingRequest> left = new ArrayList<>();
    lock.lock();
    try {
      left.addAll(queue);
      queue.clear();
    } finally {
      lock.unlock();
    }
    left.forEach(r -> r.result.completeExceptionally(
        new ModelNotReadyException(name + " was unloaded before the request ran")));
    for (Thread t : workers) {
      if (t.isAlive()) {
        LOG.warnf("Batcher %s: an engine call still runs after the drain timeout of %s; "
            + "interrupting it", name, timeout);
        t.interrupt();
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private void work(Supplier<BatchExecutor> executors) {
    try (BatchExecutor executor = executors.get()) {
      List<PendingRequest> batch;
      while ((batch = collect()) != null) {
        run(executor, batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "Batcher %s: a worker stopped: %s", name, e);
    }
  }

  /** The next batch, or null once closed and empty. */
  private List<PendingRequest> collect() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        if (closed) {
          return null;
        }
        notEmpty.await();
      }
      PendingRequest first = queue.pollFirst();
      List<PendingRequest> batch = new ArrayList<>();
      batch.add(first);
      if (!policy.joinRequests()) {
        return batch;
      }
      int rows = first.rows;
      long flushAt = first.enqueuedNanos + policy.maxQueueDelayNanos();
      while (true) {
        boolean blocked = false;
        PendingRequest next;
        while (rows < policy.maxBatchSize() && (next = queue.peekFirst()) != null) {
          if (rows + next.rows > policy.maxBatchSize() || !TensorBatches.joinable(first.inputs, next.inputs)) {
            blocked = true;
            break;
          }
          batch.add(queue.pollFirst());
          rows += next.rows;
        }
        if (blocked || rows >= policy.maxBatchSize() || policy.preferredBatchSizes().contains(rows)) {
          break;
        }
        long wait = flushAt - System.nanoTime();
        if (wait <= 0 || closed) {
          break;
        }
        notEmpty.awaitNanos(wait);
      }
      if (!queue.isEmpty()) {
        notEmpty.signal(); // another idle worker may take the rest
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private void run(BatchExecutor executor, List<PendingRequest> collected) {
    long now = System.nanoTime();
    List<PendingRequest> batch = new ArrayList<>(collected.size());
    for (PendingRequest r : collected) {
      if (r.result.isDone()) {
        continue; // the caller gave up (its own timeout) or was cancelled
      }
      if (r.expiredAt(now)) {
        r.result.completeExceptionally(new RequestTimeoutException(
            "request timed out after waiting " + TimeUnit.NANOSECONDS.toMicros(now - r.enqueuedNanos)
                + " µs in the queue of " + name));
        continue;
      }
      listener.dequeued(now - r.enqueuedNanos);
      batch.add(r);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<List<Tensor>> inputs = new ArrayList<>(batch.size());
      int[] rows = new int[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        inputs.add(batch.get(i).inputs);
        rows[i] = batch.get(i).rows;
      }
      List<Tensor> joined = TensorBatches.join(inputs);
      long start = System.nanoTime();
      List<Tensor> outputs = executor.execute(joined);
      listener.computed(batch.size(), TensorBatches.rows(joined), System.nanoTime() - start);
      if (batch.size() == 1) {
        batch.get(0).result.complete(outputs);
        return;
      }
      List<List<Tensor>> parts = TensorBatches.split(outputs, rows);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result.complete(parts.get(i));
      }
    } catch (Exception | Error e) {
      batch.forEach(r -> r.result.completeExceptionally(e));
    }
  }
}

package dev.modelport.serving.batching;

import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.error.EngineFailedException;
import dev.modelport.serving.error.ModelNotReadyException;
import dev.modelport.serving.error.QueueFullException;
import dev.modelport.serving.error.RequestTimeoutException;
import dev.modelport.serving.tracing.ServingTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The per-version request queue and its executors: requests wait in a bounded queue, are joined
 * along dimension 0 into batches of up to {@link BatchPolicy#maxBatchSize()} rows and run on {@link
 * BatchPolicy#instances()} threads, each with its own {@link BatchExecutor}; the outputs are split
 * back to the requests exactly.
 *
 * <p>A worker takes the oldest request, then every waiting request that fits (same trailing
 * dimensions, row budget), and waits up to {@code maxQueueDelay} after the oldest request's arrival
 * for more, unless it has reached the largest size or a preferred size with nothing else waiting.
 * Requests whose deadline has passed, or whose caller has given up, are dropped right before the
 * engine call: an expired request never reaches the engine.
 *
 * <p>Each request names the executor its result completes on (the caller's event loop): the batcher
 * thread only forms the batch, runs the engine and hands each request its rows, so that cutting the
 * rows out, encoding the responses and recording metrics run in parallel on the transport threads
 * instead of one after the other on the batcher thread.
 *
 * <p>In adaptive mode ({@link BatchPolicy#adaptive()}) the row budget and the delay of each batch
 * come from an {@link AdaptiveBatchSizer}, which is told every engine call (rows, time, whether
 * more was waiting than the batch could take) and chooses them at run time within the latency
 * objective; preferred sizes are not used.
 *
 * <p>Thread-safe. {@link #submit} never blocks. {@link #close} stops accepting, lets the queued
 * requests finish (draining), then closes the executors on their threads.
 */
public final class DynamicBatcher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DynamicBatcher.class);

  private final String name;
  private final BatchPolicy policy;
  private final BatchListener listener;
  private final LongSupplier clock;
  private final AdaptiveBatchSizer sizer;
  private final ServingTracer tracer;
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
  public DynamicBatcher(
      String name, BatchPolicy policy, Supplier<BatchExecutor> executors, BatchListener listener) {
    this(name, policy, executors, listener, ServingTracer.OFF);
  }

  /** As above, with the spans of each batch made by {@code tracer} (see {@link ServingTracer}). */
  public DynamicBatcher(
      String name,
      BatchPolicy policy,
      Supplier<BatchExecutor> executors,
      BatchListener listener,
      ServingTracer tracer) {
    this(
        name,
        policy,
        executors,
        listener,
        System::nanoTime,
        AdaptiveBatchSizer.Tuning.DEFAULT,
        tracer);
  }

  /**
   * As above, with the clock that times engine calls (and paces the adaptive sizer) and the sizer's
   * tuning given; for tests, which drive a fake clock from a fake engine. Queue delays and
   * deadlines always use {@link System#nanoTime()}.
   */
  DynamicBatcher(
      String name,
      BatchPolicy policy,
      Supplier<BatchExecutor> executors,
      BatchListener listener,
      LongSupplier clock,
      AdaptiveBatchSizer.Tuning tuning) {
    this(name, policy, executors, listener, clock, tuning, ServingTracer.OFF);
  }

  private DynamicBatcher(
      String name,
      BatchPolicy policy,
      Supplier<BatchExecutor> executors,
      BatchListener listener,
      LongSupplier clock,
      AdaptiveBatchSizer.Tuning tuning,
      ServingTracer tracer) {
    this.name = name;
    this.tracer = tracer;
    this.policy = policy;
    this.listener = listener;
    this.clock = clock;
    this.sizer =
        policy.adaptive()
            ? new AdaptiveBatchSizer(
                name,
                policy.maxBatchSize(),
                policy.adaptiveMaxLatencyNanos(),
                policy.instances(),
                clock,
                tuning)
            : null;
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

  /** The adaptive sizer's current choice; empty in static mode. */
  public Optional<AdaptiveBatchSizer> adaptiveSizer() {
    return Optional.ofNullable(sizer);
  }

  /**
   * The warm-up is over: the adaptive sizer forgets what it measured so far (first calls at a size
   * are slow) and starts from the smallest size. No effect in static mode.
   */
  public void warmedUp() {
    if (sizer != null) {
      sizer.reset();
    }
  }

  /**
   * Queues a request; its result completes on the batcher thread (see {@link #submit(List, long,
   * Executor)}).
   */
  public CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, long deadlineNanos) {
    return submit(inputs, deadlineNanos, Runnable::run);
  }

  /**
   * Queues a request.
   *
   * @param inputs input tensors in signature order, already validated
   * @param deadlineNanos {@link System#nanoTime()} after which the request must not run
   * @param completer where the result is cut from the batch's outputs and completed, so where the
   *     caller's dependent stages (encoding, metrics) run: the caller's event loop keeps that
   *     per-request work off the batcher thread, which then only joins, runs the engine and hands
   *     over; {@code Runnable::run} completes on the batcher thread. If it refuses a task the
   *     result completes on the batcher thread.
   * @return the outputs in signature order; completes exceptionally with {@link
   *     RequestTimeoutException} when the deadline passed while queued
   * @throws QueueFullException when {@link BatchPolicy#maxQueueSize()} requests are waiting
   * @throws ModelNotReadyException after {@link #close}
   */
  public CompletableFuture<List<Tensor>> submit(
      List<Tensor> inputs, long deadlineNanos, Executor completer) {
    return submit(inputs, deadlineNanos, completer, SpanContext.getInvalid());
  }

  /**
   * As {@link #submit(List, long, Executor)}, for a request traced as {@code trace}: when that is
   * sampled, its queue wait becomes a span and the batch that carries it links to it.
   */
  public CompletableFuture<List<Tensor>> submit(
      List<Tensor> inputs, long deadlineNanos, Executor completer, SpanContext trace) {
    PendingRequest request =
        new PendingRequest(
            inputs, TensorBatches.rows(inputs), deadlineNanos, System.nanoTime(), completer, trace);
    lock.lock();
    try {
      if (closed) {
        throw new ModelNotReadyException(name + " is not accepting requests: it is unloading");
      }
      if (queue.size() >= policy.maxQueueSize()) {
        throw new QueueFullException(
            name + " queue is full (" + policy.maxQueueSize() + " requests waiting); retry later");
      }
      queue.addLast(request);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
    return request.result;
  }

  /** True until {@link #close} began; afterwards {@link #submit} refuses every request. */
  public boolean accepting() {
    return !closed;
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
    left.forEach(
        r ->
            r.result.completeExceptionally(
                new ModelNotReadyException(name + " was unloaded before the request ran")));
    for (Thread t : workers) {
      if (t.isAlive()) {
        LOG.warnf(
            "Batcher %s: an engine call still runs after the drain timeout of %s; "
                + "interrupting it",
            name, timeout);
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
      Formed batch;
      while ((batch = collect()) != null) {
        run(executor, batch.requests(), batch.full());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "Batcher %s: a worker stopped: %s", name, e);
    }
  }

  /**
   * A batch as collected; {@code full} when it was cut at the row budget with requests still
   * waiting (demand exceeded the budget), which the adaptive sizer is told.
   */
  private record Formed(List<PendingRequest> requests, boolean full) {}

  /** The next batch, or null once closed and empty. */
  private Formed collect() throws InterruptedException {
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
        return new Formed(batch, false);
      }
      int maxRows = sizer == null ? policy.maxBatchSize() : sizer.batchSize();
      long delay = sizer == null ? policy.maxQueueDelayNanos() : sizer.queueDelayNanos();
      List<Integer> preferred = sizer == null ? policy.preferredBatchSizes() : List.of();
      int rows = first.rows;
      long flushAt = first.enqueuedNanos + delay;
      while (true) {
        boolean blocked = false;
        PendingRequest next;
        while (rows < maxRows && (next = queue.peekFirst()) != null) {
          if (rows + next.rows > maxRows || !TensorBatches.joinable(first.inputs, next.inputs)) {
            blocked = true;
            break;
          }
          batch.add(queue.pollFirst());
          rows += next.rows;
        }
        if (blocked || rows >= maxRows || preferred.contains(rows)) {
          break;
        }
        long wait = flushAt - System.nanoTime();
        if (wait <= 0 || closed) {
          break;
        }
        notEmpty.awaitNanos(wait);
      }
      boolean full = !queue.isEmpty() && rows + queue.peekFirst().rows > maxRows;
      if (!queue.isEmpty()) {
        notEmpty.signal(); // another idle worker may take the rest
      }
      return new Formed(batch, full);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs one batch. This thread only drops expired requests, joins, calls the engine and hands each
   * request its row range; cutting the rows out, completing the future (and the caller's stages
   * behind it) and the queue-time metric run on each request's completer.
   *
   * <p>When the engine call of several requests fails, the batch is split in halves and each half
   * runs again, down to single requests: a request that the engine refuses (one bad row among good
   * ones) fails alone and its batch-mates are answered. Each split is counted ({@link
   * BatchListener#split}); the failure of a single request is logged once, here, in one line (its
   * stack at DEBUG).
   */
  private void run(BatchExecutor executor, List<PendingRequest> collected, boolean full) {
    long now = System.nanoTime();
    List<PendingRequest> batch = new ArrayList<>(collected.size());
    for (PendingRequest r : collected) {
      if (r.result.isDone()) {
        continue; // the caller gave up (its own timeout) or was cancelled
      }
      if (r.expiredAt(now)) {
        RequestTimeoutException timeout =
            new RequestTimeoutException(
                "request timed out after waiting "
                    + TimeUnit.NANOSECONDS.toMicros(now - r.enqueuedNanos)
                    + " µs in the queue of "
                    + name);
        r.completeOnCaller(() -> r.result.completeExceptionally(timeout));
        continue;
      }
      batch.add(r);
    }
    if (batch.isEmpty()) {
      return;
    }
    Span batchSpan = startBatchSpan(batch, now);
    Span engineSpan = Span.getInvalid();
    List<Tensor> outputs;
    int total;
    try {
      List<List<Tensor>> inputs = new ArrayList<>(batch.size());
      for (PendingRequest r : batch) {
        inputs.add(r.inputs);
      }
      List<Tensor> joined = TensorBatches.join(inputs);
      total = TensorBatches.rows(joined);
      engineSpan = tracer.startEngine(batchSpan, total);
      long start = clock.getAsLong();
      outputs = executor.execute(joined);
      long engineNanos = clock.getAsLong() - start;
      ServingTracer.end(engineSpan, null);
      listener.computed(batch.size(), total, engineNanos);
      if (sizer != null) {
        sizer.record(total, engineNanos, full);
      }
      if (batch.size() > 1) {
        TensorBatches.checkRows(outputs, total);
      }
    } catch (Exception | Error e) {
      ServingTracer.end(engineSpan, e);
      ServingTracer.end(batchSpan, e);
      if (batch.size() > 1) {
        listener.split(batch.size());
        LOG.debugf(
            e, "Batcher %s: a batch of %d requests failed; running its halves", name, batch.size());
        int half = batch.size() / 2;
        run(executor, new ArrayList<>(batch.subList(0, half)), false);
        run(executor, new ArrayList<>(batch.subList(half, batch.size())), false);
        return;
      }
      fail(batch.get(0), now, e);
      return;
    }
    ServingTracer.end(batchSpan, null);
    if (batch.size() == 1) {
      PendingRequest r = batch.get(0);
      long waited = now - r.enqueuedNanos;
      List<Tensor> result = outputs;
      r.completeOnCaller(
          () -> {
            listener.dequeued(waited);
            r.result.complete(result);
          });
      return;
    }
    int firstRow = 0;
    for (PendingRequest r : batch) {
      int from = firstRow;
      long waited = now - r.enqueuedNanos;
      r.completeOnCaller(
          () -> {
            listener.dequeued(waited);
            List<Tensor> part;
            try {
              part = TensorBatches.slice(outputs, from, r.rows, total);
            } catch (RuntimeException | Error e) {
              r.result.completeExceptionally(e);
              return;
            }
            r.result.complete(part);
          });
      firstRow += r.rows;
    }
  }

  /**
   * The batch's span when it carries sampled requests (each of which gets its queue-wait span here,
   * ending at {@code dequeuedNanos}); invalid, and no allocation, when none is sampled.
   */
  private Span startBatchSpan(List<PendingRequest> batch, long dequeuedNanos) {
    List<SpanContext> sampled = null;
    for (PendingRequest r : batch) {
      if (r.trace.isSampled()) {
        if (sampled == null) {
          sampled = new ArrayList<>();
        }
        sampled.add(r.trace);
        tracer.queued(r.trace, name, r.enqueuedNanos, dequeuedNanos);
      }
    }
    return sampled == null ? Span.getInvalid() : tracer.startBatch(sampled, name, batch.size());
  }

  /**
   * Fails a request that the engine failed on its own: one log line, the stack at DEBUG, logged on
   * the request's completer (its event loop), so that the line carries the request's trace ids.
   */
  private void fail(PendingRequest r, long now, Throwable e) {
    long waited = now - r.enqueuedNanos;
    r.completeOnCaller(
        () -> {
          LOG.warnf(
              "Batcher %s: an engine call of %d row(s) failed: %s",
              name, r.rows, EngineFailedException.forLog(e));
          LOG.debugf(e, "Batcher %s: the failed engine call", name);
          listener.dequeued(waited);
          r.result.completeExceptionally(e);
        });
  }
}

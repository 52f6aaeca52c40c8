package dev.modelport.serving.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.error.ModelNotReadyException;
import dev.modelport.serving.error.QueueFullException;
import dev.modelport.serving.error.RequestTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

  private static final long FAR = TimeUnit.HOURS.toNanos(1);

  /** A fake engine: output row = 2 * input row, records every batch, can be held at a gate. */
  static final class FakeExecutor implements BatchExecutor {
    final List<Tensor> seen = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public List<Tensor> execute(List<Tensor> inputs) throws Exception {
      Tensor in = inputs.get(0);
      seen.add(in);
      entered.countDown();
      gate.await(10, TimeUnit.SECONDS);
      float[] x = (float[]) in.values();
      float[] y = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = 2 * x[i];
      }
      return List.of(new Tensor("y", DataType.FP32, in.shape(), y));
    }
  }

  private final FakeExecutor executor = new FakeExecutor();
  private DynamicBatcher batcher;

  @AfterEach
  void close() {
    executor.gate.countDown();
    if (batcher != null) {
      batcher.close(Duration.ofSeconds(5));
    }
  }

  private static List<Tensor> rows(float... firstColumn) {
    float[] data = new float[firstColumn.length * 2];
    for (int i = 0; i < firstColumn.length; i++) {
      data[2 * i] = firstColumn[i];
      data[2 * i + 1] = -firstColumn[i];
    }
    return List.of(new Tensor("x", DataType.FP32, new long[] {firstColumn.length, 2}, data));
  }

  /** Waits on a condition, polling every millisecond. */
  private static ConditionFactory fast() {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1));
  }

  private DynamicBatcher start(BatchPolicy policy) {
    batcher = new DynamicBatcher("m version 1", policy, () -> executor, BatchListener.NONE);
    return batcher;
  }

  private CountDownLatch holdExecutor() throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    executor.gate = gate;
    batcher.submit(rows(-1), System.nanoTime() + FAR);
    assertThat(executor.entered.await(5, TimeUnit.SECONDS)).isTrue();
    return gate;
  }

  @Test
  void requestsWaitingTogetherAreJoinedIntoOneBatchAndSplitBackExactly() throws Exception {
    start(new BatchPolicy(true, 16, 0, List.of(), 100, 1));
    CountDownLatch gate = holdExecutor();
    List<CompletableFuture<List<Tensor>>> results = new ArrayList<>();
    results.add(batcher.submit(rows(1), System.nanoTime() + FAR));
    results.add(batcher.submit(rows(2, 3), System.nanoTime() + FAR));
    results.add(batcher.submit(rows(4, 5, 6), System.nanoTime() + FAR));
    gate.countDown();

    assertThat((float[]) results.get(0).get(5, TimeUnit.SECONDS).get(0).values())
        .containsExactly(2, -2);
    assertThat((float[]) results.get(1).get(5, TimeUnit.SECONDS).get(0).values())
        .containsExactly(4, -4, 6, -6);
    Tensor third = results.get(2).get(5, TimeUnit.SECONDS).get(0);
    assertThat(third.shape()).containsExactly(3, 2);
    assertThat((float[]) third.values()).containsExactly(8, -8, 10, -10, 12, -12);
    assertThat(executor.seen).hasSize(2);
    assertThat(executor.seen.get(1).shape()).containsExactly(6, 2);
  }

  @Test
  void batchesNeverExceedTheMaximumBatchSize() throws Exception {
    start(new BatchPolicy(true, 3, 0, List.of(), 100, 1));
    CountDownLatch gate = holdExecutor();
    List<CompletableFuture<List<Tensor>>> results = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      results.add(batcher.submit(rows(i), System.nanoTime() + FAR));
    }
    gate.countDown();
    for (int i = 0; i < 7; i++) {
      assertThat((float[]) results.get(i).get(5, TimeUnit.SECONDS).get(0).values())
          .containsExactly(2f * i, -2f * i);
    }
    assertThat(executor.seen.subList(1, executor.seen.size()))
        .extracting(t -> t.shape()[0])
        .containsExactly(3L, 3L, 1L);
  }

  @Test
  void aFullQueueRefusesTheNextRequest() throws Exception {
    start(new BatchPolicy(true, 4, 0, List.of(), 2, 1));
    holdExecutor();
    batcher.submit(rows(1), System.nanoTime() + FAR);
    batcher.submit(rows(2), System.nanoTime() + FAR);
    assertThat(batcher.queueDepth()).isEqualTo(2);
    assertThatThrownBy(() -> batcher.submit(rows(3), System.nanoTime() + FAR))
        .isInstanceOf(QueueFullException.class)
        .hasMessageContaining("queue is full");
  }

  @Test
  void anExpiredRequestFailsWithATimeoutAndNeverReachesTheEngine() throws Exception {
    start(new BatchPolicy(true, 4, 0, List.of(), 10, 1));
    CountDownLatch gate = holdExecutor();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    CompletableFuture<List<Tensor>> expired = batcher.submit(rows(42), deadline);
    CompletableFuture<List<Tensor>> alive = batcher.submit(rows(7), System.nanoTime() + FAR);
    fast().until(() -> System.nanoTime() - deadline > 0); // expired while queued
    assertThat(expired).isNotDone();
    gate.countDown();

    assertThatThrownBy(() -> expired.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(RequestTimeoutException.class);
    assertThat((float[]) alive.get(5, TimeUnit.SECONDS).get(0).values()).containsExactly(14, -14);
    assertThat(executor.seen).noneMatch(t -> ((float[]) t.values())[0] == 42f);
  }

  @Test
  void anUnbatchedPolicyRunsEveryRequestOnItsOwn() throws Exception {
    start(BatchPolicy.unbatched(10, 1));
    CountDownLatch gate = holdExecutor();
    CompletableFuture<List<Tensor>> a = batcher.submit(rows(1), System.nanoTime() + FAR);
    CompletableFuture<List<Tensor>> b = batcher.submit(rows(2), System.nanoTime() + FAR);
    gate.countDown();
    a.get(5, TimeUnit.SECONDS);
    b.get(5, TimeUnit.SECONDS);
    assertThat(executor.seen).extracting(t -> t.shape()[0]).containsExactly(1L, 1L, 1L);
  }

  @Test
  void requestsWithDifferentTrailingDimensionsAreNotJoined() throws Exception {
    start(new BatchPolicy(true, 16, 0, List.of(), 10, 1));
    CountDownLatch gate = holdExecutor();
    CompletableFuture<List<Tensor>> a = batcher.submit(rows(1), System.nanoTime() + FAR);
    CompletableFuture<List<Tensor>> b =
        batcher.submit(
            List.of(new Tensor("x", DataType.FP32, new long[] {1, 3}, new float[] {5, 6, 7})),
            System.nanoTime() + FAR);
    gate.countDown();
    assertThat((float[]) a.get(5, TimeUnit.SECONDS).get(0).values()).containsExactly(2, -2);
    assertThat((float[]) b.get(5, TimeUnit.SECONDS).get(0).values()).containsExactly(10, 12, 14);
    assertThat(executor.seen).hasSize(3);
  }

  @Test
  void closingFinishesQueuedRequestsThenRefusesNewOnes() throws Exception {
    start(new BatchPolicy(true, 1, 0, List.of(), 10, 1));
    CountDownLatch gate = holdExecutor();
    CompletableFuture<List<Tensor>> queued = batcher.submit(rows(3), System.nanoTime() + FAR);
    Thread closer = new Thread(() -> batcher.close(Duration.ofSeconds(5)));
    closer.start();
    fast().until(() -> !batcher.accepting());
    assertThatThrownBy(() -> batcher.submit(rows(4), System.nanoTime() + FAR))
        .isInstanceOf(ModelNotReadyException.class);
    gate.countDown();
    closer.join(5000);
    assertThat((float[]) queued.get(1, TimeUnit.SECONDS).get(0).values()).containsExactly(6, -6);
  }

  @Test
  void aWaitingRequestIsHeldForTheQueueDelayToJoinLaterOnes() throws Exception {
    // A long delay and a batch of 2 at most: the batch leaves as soon as the second request joins.
    start(new BatchPolicy(true, 2, TimeUnit.SECONDS.toNanos(30), List.of(), 10, 1));
    CompletableFuture<List<Tensor>> a = batcher.submit(rows(1), System.nanoTime() + FAR);
    fast().until(() -> batcher.queueDepth() == 0); // a worker holds the first request
    assertThat(a).isNotDone();
    CompletableFuture<List<Tensor>> b = batcher.submit(rows(2), System.nanoTime() + FAR);
    assertThat((float[]) a.get(5, TimeUnit.SECONDS).get(0).values()).containsExactly(2, -2);
    assertThat((float[]) b.get(5, TimeUnit.SECONDS).get(0).values()).containsExactly(4, -4);
    assertThat(executor.seen).extracting(t -> t.shape()[0]).containsExactly(2L);
  }

  @Test
  void aLoneRequestRunsOnceTheQueueDelayHasPassed() throws Exception {
    long delay = TimeUnit.MILLISECONDS.toNanos(50);
    start(new BatchPolicy(true, 8, delay, List.of(), 10, 1));
    long submitted = System.nanoTime();
    CompletableFuture<List<Tensor>> a = batcher.submit(rows(1), submitted + FAR);
    assertThat((float[]) a.get(5, TimeUnit.SECONDS).get(0).values()).containsExactly(2, -2);
    assertThat(System.nanoTime() - submitted).isGreaterThanOrEqualTo(delay);
    assertThat(executor.seen).extracting(t -> t.shape()[0]).containsExactly(1L);
  }

  @Test
  void resultsAreCutAndCompletedOnEachRequestsCompleterNotOnTheBatcherThread() throws Exception {
    start(new BatchPolicy(true, 16, 0, List.of(), 100, 1));
    ExecutorService callerA = Executors.newSingleThreadExecutor(r -> new Thread(r, "caller-a"));
    ExecutorService callerB = Executors.newSingleThreadExecutor(r -> new Thread(r, "caller-b"));
    try {
      CountDownLatch gate = holdExecutor();
      CompletableFuture<String> a =
          batcher
              .submit(rows(1), System.nanoTime() + FAR, callerA)
              .thenApply(
                  out ->
                      Thread.currentThread().getName() + ":" + ((float[]) out.get(0).values())[0]);
      CompletableFuture<String> b =
          batcher
              .submit(rows(2, 3), System.nanoTime() + FAR, callerB)
              .thenApply(
                  out ->
                      Thread.currentThread().getName() + ":" + ((float[]) out.get(0).values())[2]);
      gate.countDown();

      assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo("caller-a:2.0");
      assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo("caller-b:6.0");
      assertThat(executor.seen.get(1).shape()).containsExactly(3, 2);
    } finally {
      callerA.shutdownNow();
      callerB.shutdownNow();
    }
  }

  @Test
  void aResultStillCompletesWhenItsCompleterRefusesTheTask() throws Exception {
    start(new BatchPolicy(true, 16, 0, List.of(), 100, 1));
    Executor refusing =
        task -> {
          throw new RejectedExecutionException("event loop closed");
        };
    CompletableFuture<List<Tensor>> result =
        batcher.submit(rows(4), System.nanoTime() + FAR, refusing);
    assertThat((float[]) result.get(5, TimeUnit.SECONDS).get(0).values()).containsExactly(8, -8);
  }

  /** A fake engine that fails any call whose first column holds {@link #POISON}. */
  static final class PoisonSensitiveExecutor implements BatchExecutor {
    static final float POISON = 666f;
    final List<Integer> callSizes = new CopyOnWriteArrayList<>();
    final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public List<Tensor> execute(List<Tensor> inputs) throws Exception {
      gate.await(10, TimeUnit.SECONDS);
      Tensor in = inputs.get(0);
      float[] x = (float[]) in.values();
      callSizes.add((int) in.shape()[0]);
      for (int i = 0; i < x.length; i += 2) {
        if (x[i] == POISON) {
          throw new IllegalArgumentException("index out of range in self");
        }
      }
      float[] y = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = 2 * x[i];
      }
      return List.of(new Tensor("y", DataType.FP32, in.shape(), y));
    }
  }

  @Test
  void aRequestThatTheEngineRefusesFailsAloneAndItsBatchMatesAreAnswered() throws Exception {
    PoisonSensitiveExecutor engine = new PoisonSensitiveExecutor();
    List<Integer> splits = new CopyOnWriteArrayList<>();
    BatchListener counting =
        new BatchListener() {
          @Override
          public void split(int requests) {
            splits.add(requests);
          }
        };
    batcher =
        new DynamicBatcher(
            "poison", new BatchPolicy(true, 64, 0, List.of(), 100, 1), () -> engine, counting);
    // The first request holds the engine at its gate while the next 41 queue up behind it.
    CompletableFuture<List<Tensor>> first = batcher.submit(rows(1f), System.nanoTime() + FAR);
    fast().until(() -> batcher.queueDepth() == 0);
    List<CompletableFuture<List<Tensor>>> good = new ArrayList<>();
    CompletableFuture<List<Tensor>> poison = null;
    for (int i = 0; i < 40; i++) {
      if (i == 17) {
        poison = batcher.submit(rows(PoisonSensitiveExecutor.POISON), System.nanoTime() + FAR);
      }
      good.add(batcher.submit(rows(10f + i), System.nanoTime() + FAR));
    }
    engine.gate.countDown();

    assertThat(((float[]) first.get(10, TimeUnit.SECONDS).get(0).values())[0]).isEqualTo(2f);
    for (int i = 0; i < good.size(); i++) {
      float[] y = (float[]) good.get(i).get(10, TimeUnit.SECONDS).get(0).values();
      assertThat(y).containsExactly(2 * (10f + i), -2 * (10f + i));
    }
    CompletableFuture<List<Tensor>> refused = poison;
    assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
    // one batch of 41 failed, then the halves holding the poison, down to the poison alone
    assertThat(splits).isNotEmpty().first().isEqualTo(41);
    assertThat(engine.callSizes).contains(41, 1);
  }
}

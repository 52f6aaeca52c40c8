package dev.modelport.serving.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link DynamicBatcher} in adaptive mode against a fake engine whose call time depends on the
 * batch size. The engine returns at once and advances a fake clock by its modelled time, which the
 * batcher times engine calls with; 64 clients keep one request each outstanding (each answer sends
 * the next request), so more is always waiting than a batch may take.
 */
class AdaptiveBatchingTest {

  private static final long MS = 1_000_000;
  private static final long FAR = TimeUnit.HOURS.toNanos(1);
  private static final AdaptiveBatchSizer.Tuning TUNING =
      new AdaptiveBatchSizer.Tuning(20 * MS, 8, 2_000 * MS, 0.05);

  /** Throughput peaks at batch 4: the time per row rises beyond it. */
  private static final IntToLongFunction PEAK_AT_4 =
      n -> n <= 4 ? (long) ((1.5 + 2.1 * n) * MS) : (long) (9.9 * MS * n / 4 * (1 + 0.1 * n / 4));

  private final AtomicLong clock = new AtomicLong();
  private final AtomicBoolean sending = new AtomicBoolean(true);
  private final AtomicLong wrongAnswers = new AtomicLong();
  private final ArrayDeque<Integer> lastBatches = new ArrayDeque<>();
  private DynamicBatcher batcher;

  /** Fake engine: y = 2x; advances the fake clock by the modelled time of the batch. */
  private BatchExecutor engine(IntToLongFunction cost) {
    return inputs -> {
      Tensor in = inputs.get(0);
      clock.addAndGet(cost.applyAsLong((int) in.shape()[0]));
      float[] x = (float[]) in.values();
      float[] y = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = 2 * x[i];
      }
      return List.of(new Tensor("y", DataType.FP32, in.shape(), y));
    };
  }

  private final BatchListener recording =
      new BatchListener() {
        @Override
        public void computed(int requests, int rows, long nanos) {
          synchronized (lastBatches) {
            lastBatches.addLast(rows);
            if (lastBatches.size() > 100) {
              lastBatches.removeFirst();
            }
          }
        }
      };

  @AfterEach
  void close() {
    sending.set(false);
    if (batcher != null) {
      batcher.close(Duration.ofSeconds(5));
    }
  }

  private static List<Tensor> row(float v) {
    return List.of(new Tensor("x", DataType.FP32, new long[] {1, 1}, new float[] {v}));
  }

  /** A client: sends a request, and on its answer (checked) the next one, until stopped. */
  private void client(float v) {
    if (!sending.get() || !batcher.accepting()) {
      return;
    }
    batcher
        .submit(row(v), System.nanoTime() + FAR)
        .whenComplete(
            (out, e) -> {
              if (e == null) {
                if (((float[]) out.get(0).values())[0] != 2 * v) {
                  wrongAnswers.incrementAndGet();
                }
                client(v);
              }
            });
  }

  private long share(int rows) {
    synchronized (lastBatches) {
      return lastBatches.size() < 100 ? 0 : lastBatches.stream().filter(r -> r == rows).count();
    }
  }

  @Test
  void itConvergesOnTheBatchSizeOfMostThroughputNotTheLargest() {
    BatchPolicy policy =
        new BatchPolicy(true, 32, 0, List.of(), 256, 1, TimeUnit.SECONDS.toNanos(1));
    batcher =
        new DynamicBatcher(
            "m version 1", policy, () -> engine(PEAK_AT_4), recording, clock::get, TUNING);
    AdaptiveBatchSizer sizer = batcher.adaptiveSizer().orElseThrow();
    for (int c = 0; c < 64; c++) {
      client(c);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> sizer.chosenBatchSize() == 4 && share(4) >= 80);
    assertThat(sizer.queueDelayNanos()).isZero(); // batches fill without waiting
    assertThat(wrongAnswers).hasValue(0);
  }

  @Test
  void staticModeKeepsItsSettingsAndHasNoSizer() {
    BatchPolicy policy = new BatchPolicy(true, 32, 0, List.of(), 256, 1);
    batcher =
        new DynamicBatcher(
            "m version 1", policy, () -> engine(PEAK_AT_4), recording, clock::get, TUNING);
    assertThat(batcher.adaptiveSizer()).isEmpty();
    for (int c = 0; c < 64; c++) {
      client(c);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> share(32) >= 50);
  }
}

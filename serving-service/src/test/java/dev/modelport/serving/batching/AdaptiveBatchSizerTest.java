package dev.modelport.serving.batching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.serving.batching.AdaptiveBatchSizer.Tuning;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The sizer against fake engine cost models on a fake clock: the clock advances by the engine time
 * of each call (and by idle or waiting time where a test models it), so that the runs are
 * deterministic and take no wall-clock time.
 */
class AdaptiveBatchSizerTest {

  private static final long MS = 1_000_000;
  private static final Tuning TUNING = new Tuning(20 * MS, 8, 2_000 * MS, 0.05);

  /** 2 ms per call and 0.5 ms per row: throughput rises with the batch size. */
  private static final IntToLongFunction LINEAR = n -> 2 * MS + n * MS / 2;

  /**
   * Like mobilenet-v3-small on a small CPU: the time per image falls up to batch 4 (a fixed part
   * per call) and rises beyond it (9 % per doubling), so throughput peaks at 4.
   */
  private static final IntToLongFunction PEAK_AT_4 =
      n -> {
        double upTo4 = 1.5 + 2.1 * Math.min(n, 4);
        double beyond = n <= 4 ? 1 : (n / 4.0) * (1 + 0.09 * (Math.log(n / 4.0) / Math.log(2)));
        return (long) (upTo4 * beyond * MS);
      };

  private final AtomicLong clock = new AtomicLong();

  private AdaptiveBatchSizer sizer(int maxBatchSize, long maxLatencyMs) {
    return new AdaptiveBatchSizer(
        "m version 1", maxBatchSize, maxLatencyMs * MS, 1, clock::get, TUNING);
  }

  /**
   * {@code calls} engine calls under a load that always exceeds the cap (every batch takes the
   * whole cap, more waiting); the row counts of the calls, in order.
   */
  private List<Integer> saturated(AdaptiveBatchSizer sizer, IntToLongFunction cost, int calls) {
    List<Integer> formed = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      int rows = sizer.batchSize();
      long nanos = cost.applyAsLong(rows);
      clock.addAndGet(nanos);
      sizer.record(rows, nanos, true);
      formed.add(rows);
    }
    return formed;
  }

  /** Share of the last {@code last} calls that had {@code rows} rows. */
  private static double share(List<Integer> formed, int rows, int last) {
    List<Integer> tail = formed.subList(formed.size() - last, formed.size());
    return tail.stream().filter(r -> r == rows).count() / (double) tail.size();
  }

  @Test
  void whenThroughputRisesWithSizeItSettlesOnTheLargestSizeWithinTheObjective() {
    AdaptiveBatchSizer sizer = sizer(64, 50);
    List<Integer> formed = saturated(sizer, LINEAR, 1500);
    // 2 × (2 + 0.5 × 32) = 36 ms fits 50 ms; 2 × (2 + 0.5 × 64) = 68 ms does not
    assertThat(sizer.chosenBatchSize()).isEqualTo(32);
    assertThat(share(formed, 32, 500)).isGreaterThan(0.8);
    assertThat(formed).doesNotContain(64);
    assertThat(sizer.queueDelayNanos()).isZero();
  }

  @Test
  void whenThroughputPeaksAtFourItPicksFourNotTheLargestSize() {
    AdaptiveBatchSizer sizer = sizer(64, 1000);
    List<Integer> formed = saturated(sizer, PEAK_AT_4, 3000);
    assertThat(sizer.chosenBatchSize()).isEqualTo(4);
    assertThat(share(formed, 4, 1000)).isGreaterThan(0.7);
  }

  @Test
  void aTightObjectiveGivesASmallerSize() {
    AdaptiveBatchSizer loose = sizer(64, 50);
    saturated(loose, LINEAR, 1500);
    clock.set(0);
    AdaptiveBatchSizer tight = sizer(64, 10);
    List<Integer> formed = saturated(tight, LINEAR, 1500);
    // 2 × (2 + 0.5 × 4) = 8 ms fits 10 ms; 2 × (2 + 0.5 × 8) = 12 ms does not
    assertThat(tight.chosenBatchSize()).isEqualTo(4).isLessThan(loose.chosenBatchSize());
    assertThat(share(formed, 4, 500)).isGreaterThan(0.8);
    assertThat(formed).doesNotContain(16);
  }

  @Test
  void itFollowsAChangeOfTheEnginesSpeedBothWays() {
    AdaptiveBatchSizer sizer = sizer(64, 50);
    saturated(sizer, LINEAR, 1500);
    assertThat(sizer.chosenBatchSize()).isEqualTo(32);

    List<Integer> formed = saturated(sizer, PEAK_AT_4, 3000); // the engine slows down
    assertThat(sizer.chosenBatchSize()).isEqualTo(4);
    assertThat(share(formed, 4, 1000)).isGreaterThan(0.7);

    formed = saturated(sizer, LINEAR, 3000); // and speeds up again
    assertThat(sizer.chosenBatchSize()).isEqualTo(32);
    assertThat(share(formed, 32, 500)).isGreaterThan(0.8);
  }

  @Test
  void atLowLoadItAddsNoDelayAndGrowsOnlyWhenDemandExceedsTheCap() {
    AdaptiveBatchSizer sizer = sizer(64, 50);
    for (int i = 0; i < 1000; i++) { // one request at a time, the engine idle in between
      long nanos = LINEAR.applyAsLong(1);
      clock.addAndGet(nanos + 20 * MS);
      sizer.record(1, nanos, false);
      assertThat(sizer.queueDelayNanos()).isZero();
    }
    assertThat(sizer.chosenBatchSize()).isEqualTo(1);

    saturated(sizer, LINEAR, 1500); // a burst: more waiting than the cap takes
    assertThat(sizer.chosenBatchSize()).isEqualTo(32);
  }

  /**
   * A busy engine given small batches (2 rows) while the cap is 32: when waiting fills the batches
   * (16 rows), a delay is kept, within what the objective leaves after the engine time.
   */
  @Test
  void aQueueDelayIsKeptWhenItRaisesThroughput() {
    AdaptiveBatchSizer sizer = sizer(64, 50);
    saturated(sizer, LINEAR, 1500);
    assertThat(sizer.chosenBatchSize()).isEqualTo(32);
    int withDelay = trickle(sizer, 3000, true);
    assertThat(withDelay).isGreaterThan(2000);
    long delay = sizer.queueDelayNanos();
    // within what the objective leaves after twice the engine time at the cap in force
    assertThat(delay)
        .isPositive()
        .isLessThanOrEqualTo(50 * MS - 2 * LINEAR.applyAsLong(sizer.batchSize()));
  }

  @Test
  void aQueueDelayThatDoesNotRaiseThroughputIsDropped() {
    AdaptiveBatchSizer sizer = sizer(64, 50);
    saturated(sizer, LINEAR, 1500);
    int withDelay = trickle(sizer, 3000, false);
    assertThat(withDelay).isLessThan(300);
  }

  /**
   * {@code calls} calls of batches that do not reach the cap, the engine always busy; with {@code
   * delayFills} a delay makes them 16 rows (the clock also advances by half the delay, the wait),
   * else they stay 2 rows. Returns how many calls ran with a delay.
   */
  private int trickle(AdaptiveBatchSizer sizer, int calls, boolean delayFills) {
    int withDelay = 0;
    for (int i = 0; i < calls; i++) {
      long delay = sizer.queueDelayNanos();
      int rows = delay > 0 && delayFills ? 16 : 2;
      long nanos = LINEAR.applyAsLong(rows);
      clock.addAndGet(nanos + delay / 2);
      sizer.record(rows, nanos, false);
      if (delay > 0) {
        withDelay++;
      }
    }
    return withDelay;
  }

  @Test
  void theCandidatesArePowersOfTwoAndTheLargestSize() {
    assertThat(AdaptiveBatchSizer.candidateSizes(64)).containsExactly(1, 2, 4, 8, 16, 32, 64);
    assertThat(AdaptiveBatchSizer.candidateSizes(48)).containsExactly(1, 2, 4, 8, 16, 32, 48);
    assertThat(AdaptiveBatchSizer.candidateSizes(1)).containsExactly(1);
  }

  @Test
  void resetForgetsWhatItMeasured() {
    AdaptiveBatchSizer sizer = sizer(64, 50);
    saturated(sizer, LINEAR, 1500);
    sizer.reset();
    assertThat(sizer.chosenBatchSize()).isEqualTo(1);
    assertThat(sizer.queueDelayNanos()).isZero();
  }
}

package dev.modelport.serving.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.model.VersionNumber;
import org.junit.jupiter.api.Test;

class VersionStatisticsTest {

  @Test
  void aBatchChargesEachOfItsRequestsTheWholeComputeTimeAndCountsOneExecution() {
    VersionStatistics stats = new VersionStatistics();
    stats.computed(3, 5, 1_000);
    stats.computed(1, 1, 200);
    VersionStatistics.Snapshot s = stats.snapshot();
    assertThat(s.computeInfer()).isEqualTo(new Duration.Snapshot(4, 3_200));
    assertThat(s.computeInput()).isEqualTo(new Duration.Snapshot(4, 0));
    assertThat(s.inferenceCount()).isEqualTo(6);
    assertThat(s.executionCount()).isEqualTo(2);
    assertThat(s.batches())
        .containsEntry(5, new Duration.Snapshot(1, 1_000))
        .containsEntry(1, new Duration.Snapshot(1, 200));
  }

  @Test
  void outcomesAndQueueTimesAddUp() {
    VersionStatistics stats = new VersionStatistics();
    assertThat(stats.snapshot().lastInferenceMillis()).isZero();
    stats.dequeued(10);
    stats.dequeued(30);
    stats.succeeded(100);
    stats.failed(7);
    VersionStatistics.Snapshot s = stats.snapshot();
    assertThat(s.queue()).isEqualTo(new Duration.Snapshot(2, 40));
    assertThat(s.success()).isEqualTo(new Duration.Snapshot(1, 100));
    assertThat(s.fail()).isEqualTo(new Duration.Snapshot(1, 7));
    assertThat(s.lastInferenceMillis()).isPositive();
  }

  @Test
  void aVersionKeepsItsStatisticsAcrossItsBatchers() {
    ServingStatistics all = new ServingStatistics();
    VersionNumber one = VersionNumber.of(1);
    all.batchListener("m", one).computed(1, 1, 5);
    all.batchListener("m", one).computed(1, 1, 5); // a reload's new batcher
    assertThat(all.of("m", one).snapshot().executionCount()).isEqualTo(2);
    assertThat(all.of("m", VersionNumber.of(2)).snapshot().executionCount()).isZero();
    assertThat(all.of("m2", one).snapshot().executionCount()).isZero();
  }
}

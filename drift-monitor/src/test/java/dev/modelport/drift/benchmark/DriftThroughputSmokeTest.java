package dev.modelport.drift.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.drift.evaluation.Outcome;
import dev.modelport.drift.evaluation.WindowReport;
import org.junit.jupiter.api.Test;

/**
 * A short run of {@link DriftThroughputBenchmark} in the build, as a functional test: every event
 * produced is consumed, every window is evaluated against the baseline, and the counts add up. It
 * asserts no rate: speed is measured by the benchmark itself (see docs/benchmarks.md), not in the
 * unit build, where the machine's load decides it.
 */
class DriftThroughputSmokeTest {

  static final int ROWS = 320_000;
  static final int ROWS_PER_EVENT = 64;
  static final int WINDOW_ROWS = 40_000;

  @Test
  void everyProducedRowReachesAWindowAndEveryWindowIsComparedWithTheBaseline() {
    DriftThroughputBenchmark.Result result =
        DriftThroughputBenchmark.run(ROWS, ROWS_PER_EVENT, WINDOW_ROWS);
    System.out.println("drift throughput smoke run: " + result);

    assertThat(result.windows()).isEqualTo(ROWS / WINDOW_ROWS);
    assertThat(result.rows()).isEqualTo(ROWS);
    assertThat(result.badEvents()).isZero();
    assertThat(result.reports())
        .hasSize(ROWS / WINDOW_ROWS)
        .allSatisfy(
            window -> {
              assertThat(window.rows()).isEqualTo(WINDOW_ROWS);
              assertThat(window.events()).isEqualTo(WINDOW_ROWS / ROWS_PER_EVENT);
              assertThat(window.outcome()).isNotEqualTo(Outcome.NO_BASELINE);
              assertThat(window.result().features()).hasSize(DriftThroughputBenchmark.FEATURES);
              assertThat(window.histograms()).hasSize(DriftThroughputBenchmark.FEATURES);
            });
    assertThat(result.reports())
        .as("each window evaluated once, in order")
        .extracting(WindowReport::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(result.reports())
        .as("consecutive windows of 625 events")
        .extracting(WindowReport::firstOffset)
        .containsExactly(0L, 625L, 1250L, 1875L, 2500L, 3125L, 3750L, 4375L);
  }
}

package dev.modelport.drift.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A short run of {@link DriftThroughputBenchmark} in the build: every row produced reaches an
 * evaluated window, at a rate that only a badly broken pipeline would miss (the full figure is
 * measured separately, see docs/benchmarks.md).
 */
class DriftThroughputSmokeTest {

  @Test
  void everyProducedRowReachesAnEvaluatedWindowAtAUsefulRate() {
    DriftThroughputBenchmark.Result result = DriftThroughputBenchmark.run(320_000, 64, 40_000);
    System.out.println("drift throughput smoke run: " + result);

    assertThat(result.windows()).isEqualTo(8);
    assertThat(result.rows()).isEqualTo(320_000);
    assertThat(result.rowsPerSecond()).isGreaterThan(20_000);
  }
}

package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkOutputTest {

  @Test
  void readsCountsRateAndLatencyDistributionOfARealRun() {
    // wrk 4.1.0, -t1 -c64 -d5s --latency, REST JSON against the packaged server
    WrkOutput w = WrkOutput.parse(Fixtures.text("wrk-latency.txt"));

    assertThat(w.requests()).isEqualTo(35012);
    assertThat(w.seconds()).isCloseTo(5.03, within(1e-9));
    assertThat(w.requestsPerSecond()).isCloseTo(6966.44, within(1e-9));
    assertThat(w.mean()).isCloseTo(9.31e3, within(1e-6));
    assertThat(w.p50()).isCloseTo(7.77e3, within(1e-6));
    assertThat(w.p75()).isCloseTo(11.40e3, within(1e-6));
    assertThat(w.p90()).isCloseTo(14.95e3, within(1e-6));
    assertThat(w.p99()).isCloseTo(39.21e3, within(1e-6));
    assertThat(w.errors()).isZero();
  }

  @Test
  void countsNon2xxAnswersAsErrors() {
    // the same against a model that does not exist: every answer is a 404
    WrkOutput w = WrkOutput.parse(Fixtures.text("wrk-non2xx.txt"));

    assertThat(w.errorResponses()).isEqualTo(1953);
    assertThat(w.errors()).isEqualTo(w.requests());
  }

  @Test
  void addsUpSocketErrors() {
    String out =
        Fixtures.text("wrk-latency.txt")
            .replace(
                "Requests/sec:",
                "  Socket errors: connect 1, read 2, write 3, timeout 4\nRequests/sec:");

    assertThat(WrkOutput.parse(out).socketErrors()).isEqualTo(10);
  }

  @Test
  void refusesOutputWithoutTheLatencyDistribution() {
    String withoutLatency = Fixtures.text("wrk-latency.txt").replaceAll("(?m)^\\s+\\d+%.*\\n", "");

    assertThatThrownBy(() -> WrkOutput.parse(withoutLatency))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("50%");
  }

  @Test
  void convertsEveryTimeUnitOfWrkToMicroseconds() {
    assertThat(WrkOutput.micros("250.5", "us")).isEqualTo(250.5);
    assertThat(WrkOutput.micros("2", "ms")).isEqualTo(2_000);
    assertThat(WrkOutput.micros("1.5", "s")).isEqualTo(1_500_000);
    assertThat(WrkOutput.micros("1", "m")).isEqualTo(60_000_000);
  }
}

package dev.modelport.drift.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  @Test
  void theWaitDoublesFromTheInitialOneAndStopsAtTheCap() {
    RetryBackoff b = new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30));

    assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.delay(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(b.delay(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(b.delay(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.delay(1_000_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aCapBelowTheInitialWaitIsRaisedToIt() {
    assertThat(new RetryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).delay(3))
        .isEqualTo(Duration.ofSeconds(5));
  }
}

package dev.modelport.registry.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.registry.error.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitDurationTest {
  @Test
  void acceptsSecondsMillisecondsMinutesAndIso() {
    assertThat(WaitDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(WaitDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(WaitDuration.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(WaitDuration.parse("15")).isEqualTo(Duration.ofSeconds(15));
    assertThat(WaitDuration.parse("PT1S")).isEqualTo(Duration.ofSeconds(1));
    assertThat(WaitDuration.parse(null)).isZero();
  }

  @Test
  void rejectsAnythingElseNamingTheParameter() {
    assertThatThrownBy(() -> WaitDuration.parse("soon"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("wait");
    assertThatThrownBy(() -> WaitDuration.parse("-5s")).isInstanceOf(InvalidInputException.class);
  }
}

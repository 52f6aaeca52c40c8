package dev.modelport.serving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSamplerTest {

  @Test
  void rateOneTakesEveryRequestAndRateZeroNone() {
    EventSampler sampler = new EventSampler(1.0, Map.of("quiet", 0.0), 7L);
    for (int i = 0; i < 1000; i++) {
      assertThat(sampler.sample("loud")).isTrue();
      assertThat(sampler.sample("quiet")).isFalse();
    }
  }

  @Test
  void aFractionalRateTakesAboutThatShareAndAModelsOwnRateWins() {
    EventSampler sampler = new EventSampler(0.1, Map.of("half", 0.5), 42L);
    int tenth = 0;
    int half = 0;
    for (int i = 0; i < 20_000; i++) {
      tenth += sampler.sample("other") ? 1 : 0;
      half += sampler.sample("half") ? 1 : 0;
    }
    // binomial standard deviations: 42 and 71; the bounds are more than five of them wide
    assertThat(tenth).isBetween(1_750, 2_250);
    assertThat(half).isBetween(9_600, 10_400);
    assertThat(sampler.rate("half")).isEqualTo(0.5);
    assertThat(sampler.rate("other")).isEqualTo(0.1);
  }

  @Test
  void theSameSeedMakesTheSameChoices() {
    EventSampler a = new EventSampler(0.3, Map.of(), 99L);
    EventSampler b = new EventSampler(0.3, Map.of(), 99L);
    for (int i = 0; i < 500; i++) {
      assertThat(a.sample("m")).isEqualTo(b.sample("m"));
    }
  }

  @Test
  void aRateOutsideZeroToOneIsRefusedNamingItsProperty() {
    assertThatThrownBy(() -> new EventSampler(1.5, Map.of(), null))
        .hasMessageContaining("modelport.serving.events.sample-rate")
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> new EventSampler(1.0, Map.of("m", -0.1), null))
        .hasMessageContaining("modelport.serving.events.sample-rates.\"m\"");
    assertThatThrownBy(() -> new EventSampler(Double.NaN, Map.of(), null))
        .hasMessageContaining("between 0.0 and 1.0");
  }
}

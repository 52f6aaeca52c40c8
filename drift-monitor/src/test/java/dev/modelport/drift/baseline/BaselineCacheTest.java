package dev.modelport.drift.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.support.ExampleModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The negative cache never makes a version registered after its answer count as unknown. */
class BaselineCacheTest {

  static final ModelVersionKey KEY = new ModelVersionKey(ExampleModels.BREAST, "2");
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  final AtomicInteger requests = new AtomicInteger();
  volatile boolean registered;
  final VersionBaseline known =
      VersionBaseline.withoutBaseline(
          KEY, ExampleModels.monitored(ExampleModels.breastSignature()), "none yet");
  final BaselineSource registry =
      key -> {
        requests.incrementAndGet();
        return registered ? Optional.of(known) : Optional.empty();
      };
  final MutableClock clock = new MutableClock(T0);
  final BaselineCache cache = new BaselineCache(registry, Duration.ofMinutes(1), clock);

  @Test
  void anEventNewerThanTheUnknownAnswerAsksTheRegistryAgainAndFindsAJustRegisteredVersion() {
    assertThat(cache.fetch(KEY, T0.minusSeconds(1))).isEmpty();
    registered = true;
    clock.now = T0.plusSeconds(2);

    assertThat(cache.fetch(KEY, T0.plusSeconds(1))).contains(known);
    assertThat(requests).hasValue(2);
    // and now it is cached like any known version
    assertThat(cache.fetch(KEY, T0.plusSeconds(2))).contains(known);
    assertThat(requests).hasValue(2);
  }

  @Test
  void eventsOlderThanTheUnknownAnswerAreAnsweredFromTheCacheWithinTheTtl() {
    clock.now = T0.plusSeconds(5);
    assertThat(cache.fetch(KEY, T0)).isEmpty();
    for (int i = 0; i < 100; i++) {
      assertThat(cache.fetch(KEY, T0.plusMillis(i))).isEmpty();
    }
    assertThat(requests).hasValue(1);
  }

  @Test
  void aVersionStillUnknownWhenAskedAgainIsUnknown() {
    assertThat(cache.fetch(KEY, T0.minusSeconds(1))).isEmpty();
    clock.now = T0.plusSeconds(3);
    assertThat(cache.fetch(KEY, T0.plusSeconds(2))).isEmpty();
    assertThat(requests).hasValue(2);
  }

  @Test
  void theChangeFeedDropsTheUnknownAnswersOfItsModel() {
    assertThat(cache.fetch(KEY)).isEmpty();
    registered = true;
    assertThat(cache.fetch(KEY)).isEmpty();

    cache.invalidateModel(ExampleModels.BREAST);

    assertThat(cache.fetch(KEY)).contains(known);
  }

  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

package dev.modelport.drift.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.support.FakeRegistry;
import dev.modelport.featurestats.profile.FeatureType;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry adapter over registry-client, against the registry's read API served by {@link
 * FakeRegistry}.
 */
class RegistryBaselineSourceTest {

  static FakeRegistry registry;
  static RegistryBaselineSource source;

  @BeforeAll
  static void startRegistry() {
    registry =
        new FakeRegistry()
            .register(
                ExampleModels.CREDIT,
                1,
                ExampleModels.creditSignature(),
                ExampleModels.baselineJson(ExampleModels.CREDIT, ExampleModels.creditSignature()))
            .register(ExampleModels.CREDIT, 2, ExampleModels.creditSignature(), null)
            .register(
                ExampleModels.CREDIT,
                3,
                ExampleModels.creditSignature(),
                ExampleModels.baselineJson(ExampleModels.BREAST, ExampleModels.breastSignature()));
    source =
        new RegistryBaselineSource(
            RegistryClient.builder(registry.uri()).retry(RetryPolicy.none()).build());
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void aVersionWithBaselineComesWithItsTypedSignatureAndProfile() {
    VersionBaseline v = source.fetch(new ModelVersionKey(ExampleModels.CREDIT, "1")).orElseThrow();

    assertThat(v.signature().inputs())
        .extracting(InputBlock::name)
        .containsExactly("numeric", "categorical");
    assertThat(v.signature().schema().get(4).type()).isEqualTo(FeatureType.CATEGORICAL);
    assertThat(v.baseline()).isPresent();
    assertThat(v.baseline().get().feature("region").count()).isEqualTo(3200);
  }

  @Test
  void aVersionWithoutBaselineOrWithAForeignOneIsReportedWithoutBaseline() {
    VersionBaseline none =
        source.fetch(new ModelVersionKey(ExampleModels.CREDIT, "2")).orElseThrow();
    VersionBaseline foreign =
        source.fetch(new ModelVersionKey(ExampleModels.CREDIT, "3")).orElseThrow();

    assertThat(none.baseline()).isEmpty();
    assertThat(none.missingBaselineReason()).contains("no baseline");
    assertThat(foreign.baseline()).isEmpty();
    assertThat(foreign.missingBaselineReason()).contains("differ");
  }

  @Test
  void anUnknownVersionIsEmptyAndAnUnreachableRegistryIsUnavailable() {
    assertThat(source.fetch(new ModelVersionKey(ExampleModels.CREDIT, "9"))).isEmpty();
    RegistryBaselineSource down =
        new RegistryBaselineSource(
            RegistryClient.builder(URI.create("http://127.0.0.1:9"))
                .connectTimeout(Duration.ofMillis(500))
                .retry(RetryPolicy.none())
                .build());
    assertThatThrownBy(() -> down.fetch(new ModelVersionKey(ExampleModels.CREDIT, "1")))
        .isInstanceOf(BaselineUnavailableException.class);
  }

  @Test
  void theCacheKeepsBaselinesUntilTheirModelChangesAndAsksAgainForMissingOnesAfterTheTtl() {
    int[] calls = {0};
    BaselineSource counting =
        key -> {
          calls[0]++;
          return source.fetch(key);
        };
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(
            java.time.Instant.parse("2026-01-01T00:00:00Z"));
    java.time.Clock clock =
        new java.time.Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            return now.get();
          }
        };
    BaselineCache cache = new BaselineCache(counting, Duration.ofMinutes(1), clock);
    ModelVersionKey withBaseline = new ModelVersionKey(ExampleModels.CREDIT, "1");
    ModelVersionKey without = new ModelVersionKey(ExampleModels.CREDIT, "2");

    cache.fetch(withBaseline);
    cache.fetch(withBaseline);
    cache.fetch(without);
    cache.fetch(without);
    assertThat(calls[0]).isEqualTo(2);

    now.set(now.get().plusSeconds(61));
    cache.fetch(withBaseline);
    cache.fetch(without);
    assertThat(calls[0]).isEqualTo(3);

    cache.invalidateModel(ExampleModels.CREDIT);
    Optional<VersionBaseline> again = cache.fetch(withBaseline);
    assertThat(calls[0]).isEqualTo(4);
    assertThat(again).isPresent();
  }

  @Test
  void aRequestTheRegistryRefusesIsABadEventAndAFailingOrThrottlingRegistryIsUnavailable() {
    registry.answer("too-long", 414).answer("invalid", 400).answer("method", 405);
    registry.answer("failing", 500).answer("throttled", 429).answer("no-key", 401);

    assertThatThrownBy(() -> source.fetch(new ModelVersionKey("too-long", "1")))
        .isInstanceOfSatisfying(
            BaselineRefusedException.class,
            e -> {
              assertThat(e.verdict()).isEqualTo(RegistryAnswers.Verdict.REQUEST_TOO_LONG);
              assertThat(e.status()).isEqualTo(414);
            });
    assertThatThrownBy(() -> source.fetch(new ModelVersionKey("invalid", "1")))
        .isInstanceOfSatisfying(
            BaselineRefusedException.class,
            e -> assertThat(e.verdict()).isEqualTo(RegistryAnswers.Verdict.INVALID_REQUEST));
    assertThatThrownBy(() -> source.fetch(new ModelVersionKey("method", "1")))
        .isInstanceOfSatisfying(
            BaselineRefusedException.class,
            e -> assertThat(e.verdict()).isEqualTo(RegistryAnswers.Verdict.REFUSED));
    for (String model : new String[] {"failing", "throttled", "no-key"}) {
      assertThatThrownBy(() -> source.fetch(new ModelVersionKey(model, "1")))
          .as(model)
          .isInstanceOf(BaselineUnavailableException.class);
    }
  }
}

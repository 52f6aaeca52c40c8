package dev.modelport.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.drift.DatasetDriftResult;
import dev.modelport.featurestats.drift.DriftMethod;
import dev.modelport.featurestats.drift.DriftScore;
import dev.modelport.featurestats.drift.Estimation;
import dev.modelport.featurestats.drift.FeatureDriftResult;
import dev.modelport.featurestats.drift.FeatureDriftStatus;
import dev.modelport.featurestats.profile.FeatureType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftMetricsTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final DriftMetrics metrics = new DriftMetrics(registry);
  final ModelVersionKey key = new ModelVersionKey("m", "1");

  @Test
  void pValueMethodsExportTheirPValueBesideTheScoreAndDistancesDoNot() {
    FeatureDriftResult age =
        evaluated(
            "age",
            Map.of(
                DriftMethod.KS, new DriftScore(DriftMethod.KS, 0.4, 0.003, Estimation.EXACT),
                DriftMethod.PSI, new DriftScore(DriftMethod.PSI, 0.3, null, Estimation.EXACT)));
    FeatureDriftResult region =
        evaluated(
            "region",
            Map.of(
                DriftMethod.CHI_SQUARE,
                new DriftScore(DriftMethod.CHI_SQUARE, 12.5, 0.02, Estimation.EXACT)));
    metrics.window(key, "drift", new DatasetDriftResult(List.of(age, region), 2, 2, 1, 0.5, true));

    assertThat(pValue("age", "ks").value()).isEqualTo(0.003);
    assertThat(pValue("region", "chi_square").value()).isEqualTo(0.02);
    assertThat(score("age", "ks").value()).isEqualTo(0.4);
    assertThat(registry.find(DriftMetrics.P_VALUE).tag("method", "psi").gauges()).isEmpty();

    FeatureDriftResult later =
        evaluated(
            "age",
            Map.of(DriftMethod.KS, new DriftScore(DriftMethod.KS, 0.1, 0.6, Estimation.EXACT)));
    metrics.window(key, "no_drift", new DatasetDriftResult(List.of(later), 1, 0, 0, 0.5, false));
    assertThat(pValue("age", "ks").value()).isEqualTo(0.6);
  }

  private Gauge pValue(String feature, String method) {
    return registry
        .get(DriftMetrics.P_VALUE)
        .tags("model", "m", "version", "1", "feature", feature, "method", method)
        .gauge();
  }

  private Gauge score(String feature, String method) {
    return registry
        .get(DriftMetrics.SCORE)
        .tags("model", "m", "version", "1", "feature", feature, "method", method)
        .gauge();
  }

  private static FeatureDriftResult evaluated(String name, Map<DriftMethod, DriftScore> scores) {
    DriftScore first = scores.values().iterator().next();
    return new FeatureDriftResult(
        name,
        FeatureType.NUMERIC,
        FeatureDriftStatus.EVALUATED,
        first.method(),
        first.statistic(),
        first.pValue(),
        0.05,
        true,
        Estimation.EXACT,
        100,
        100,
        scores);
  }
}

package dev.modelport.drift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.baseline.BaselineUnavailableException;
import dev.modelport.drift.baseline.VersionBaseline;
import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.window.CloseReason;
import dev.modelport.drift.window.ClosedWindow;
import dev.modelport.featurestats.drift.DriftConfig;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowEvaluatorTest {

  static final ModelVersionKey KEY = new ModelVersionKey(ExampleModels.CREDIT, "1");
  static final DatasetProfile TRAIN =
      ExampleModels.baseline(ExampleModels.CREDIT, ExampleModels.creditSignature());

  @Test
  void histogramsShowTheLiveShiftAgainstTheBaselineAndSumToOne() {
    VersionBaseline v =
        VersionBaseline.withBaseline(
            KEY, ExampleModels.monitored(ExampleModels.creditSignature()), TRAIN);
    WindowEvaluator evaluator =
        new WindowEvaluator(
            k -> Optional.of(v),
            m -> DriftConfig.defaults(),
            new HistogramBuilder(20),
            List.of(),
            Clock.systemUTC());

    WindowReport report = evaluator.evaluate(window(drifted()));

    assertThat(report.outcome()).isEqualTo(Outcome.NO_DRIFT);
    assertThat(report.driftedFeatures()).containsExactlyInAnyOrder("region", "utilization");
    FeatureHistogram region = report.histograms().get(4);
    assertThat(region.type()).isEqualTo(FeatureType.CATEGORICAL);
    assertThat(region.labels()).containsExactly("0", "1", "2", "3", "4");
    assertThat(region.live().get(4)).isGreaterThan(region.baseline().get(4) * 4);
    FeatureHistogram utilization = report.histograms().get(3);
    assertThat(utilization.labels()).hasSize(20);
    assertThat(utilization.baseline().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(mean(utilization.live(), utilization.edges()))
        .isGreaterThan(mean(utilization.baseline(), utilization.edges()));
  }

  @Test
  void withoutBaselineOrWithTheRegistryDownTheWindowIsReportedWithoutBaseline() {
    WindowEvaluator unknown =
        new WindowEvaluator(
            k -> Optional.empty(),
            m -> DriftConfig.defaults(),
            new HistogramBuilder(20),
            List.of(),
            Clock.systemUTC());
    WindowEvaluator down =
        new WindowEvaluator(
            k -> {
              throw new BaselineUnavailableException("connection refused", null);
            },
            m -> DriftConfig.defaults(),
            new HistogramBuilder(20),
            List.of(),
            Clock.systemUTC());

    WindowReport a = unknown.evaluate(window(drifted()));
    WindowReport b = down.evaluate(window(drifted()));

    assertThat(a.outcome()).isEqualTo(Outcome.NO_BASELINE);
    assertThat(b.outcome()).isEqualTo(Outcome.NO_BASELINE);
    assertThat(b.message()).contains("unavailable");
    assertThat(a.histograms()).hasSize(6).allSatisfy(h -> assertThat(h.baseline()).isEmpty());
  }

  private static DatasetProfile drifted() {
    try {
      return new dev.modelport.featurestats.profile.CsvProfileReader(
              TRAIN.schema(),
              dev.modelport.featurestats.profile.ProfileOptions.DEFAULTS,
              dev.modelport.featurestats.profile.CsvProfileReader.Precision.FP32)
          .read(dev.modelport.testsupport.ExampleModels.file(ExampleModels.CREDIT, "drifted.csv"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ClosedWindow window(DatasetProfile profile) {
    return new ClosedWindow(
        KEY,
        0,
        0,
        9,
        800,
        10,
        Instant.EPOCH,
        Instant.EPOCH,
        CloseReason.ROWS,
        profile,
        null,
        List.of(),
        0);
  }

  private static double mean(List<Double> fractions, List<Double> edges) {
    double m = 0;
    for (int i = 0; i < fractions.size(); i++) {
      m += fractions.get(i) * (edges.get(i) + edges.get(i + 1)) / 2;
    }
    return m;
  }
}

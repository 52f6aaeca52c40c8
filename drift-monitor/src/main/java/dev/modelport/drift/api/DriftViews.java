package dev.modelport.drift.api;

import dev.modelport.drift.evaluation.OutputColumnReport;
import dev.modelport.drift.evaluation.OutputSummary;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.window.OpenWindow;
import dev.modelport.featurestats.drift.DatasetDriftResult;
import dev.modelport.featurestats.drift.FeatureDriftResult;
import dev.modelport.featurestats.drift.FeatureDriftStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** JSON bodies of {@code /api/v1/drift}. Immutable records. */
public final class DriftViews {

  private DriftViews() {}

  /** All versions of a model with windows. */
  public record ModelDrift(String model, List<VersionDrift> versions) {}

  /**
   * One version: its latest window in full and its recent windows, newest first (the latest
   * included).
   */
  public record VersionDrift(
      String model,
      String version,
      String reportUrl,
      List<OpenWindowView> openWindows,
      WindowView latest,
      List<WindowView> recent) {}

  /**
   * A window still taking events (one per partition): rows and events so far, when it opened, when
   * it closes by time at the latest, and the rows that close it sooner.
   */
  public record OpenWindowView(
      int partition,
      long rows,
      int events,
      long maxRows,
      Instant openedAt,
      Instant closesBy,
      Instant firstEventAt,
      Instant lastEventAt) {

    static OpenWindowView of(OpenWindow w) {
      return new OpenWindowView(
          w.partition(),
          w.rows(),
          w.events(),
          w.maxRows(),
          w.openedAt(),
          w.closesBy(),
          w.firstEventAt(),
          w.lastEventAt());
    }
  }

  /**
   * Prediction drift of a window, apart from the input features (never part of their share): output
   * columns compared with the baseline's columns of the same name, and the live summary of every
   * profiled output column.
   */
  public record PredictionDriftView(
      int evaluatedColumns, List<String> driftedColumns, List<OutputColumnView> columns) {

    static PredictionDriftView of(WindowReport r) {
      if (r.outputs().isEmpty()) {
        return null;
      }
      int evaluated = 0;
      for (OutputColumnReport o : r.outputs()) {
        if (o.drift() != null && o.drift().status() == FeatureDriftStatus.EVALUATED) {
          evaluated++;
        }
      }
      return new PredictionDriftView(
          evaluated, r.driftedOutputs(), r.outputs().stream().map(OutputColumnView::of).toList());
    }
  }

  /** One output column: its live summary and, when the baseline holds it, its verdict. */
  public record OutputColumnView(
      String column, SummaryView live, boolean inBaseline, FeatureView drift) {

    static OutputColumnView of(OutputColumnReport o) {
      return new OutputColumnView(
          o.column(),
          o.summary() == null ? null : SummaryView.of(o.summary()),
          o.drift() != null,
          o.drift() == null ? null : FeatureView.of(o.drift()));
    }
  }

  /** Count, mean, range and quantiles of a window's values (null numbers when it has none). */
  public record SummaryView(
      long count, Double mean, Double min, Double max, Map<String, Double> quantiles) {

    static SummaryView of(OutputSummary s) {
      return new SummaryView(
          s.count(), finite(s.mean()), finite(s.min()), finite(s.max()), s.quantiles());
    }

    private static Double finite(double v) {
      return Double.isFinite(v) ? v : null;
    }
  }

  /**
   * One evaluated window. {@code datasetDrift} and {@code features} are absent without baseline;
   * {@code predictionDrift} when the version profiles no output.
   */
  public record WindowView(
      long sequence,
      String outcome,
      String message,
      long rows,
      int events,
      int partition,
      long firstOffset,
      long lastOffset,
      Instant firstEventAt,
      Instant lastEventAt,
      Instant evaluatedAt,
      String closedBy,
      DatasetView datasetDrift,
      List<FeatureView> features,
      PredictionDriftView predictionDrift) {

    static WindowView of(WindowReport r) {
      DatasetDriftResult d = r.result();
      return new WindowView(
          r.sequence(),
          r.outcome().tag(),
          r.message(),
          r.rows(),
          r.events(),
          r.partition(),
          r.firstOffset(),
          r.lastOffset(),
          r.firstEventAt(),
          r.lastEventAt(),
          r.evaluatedAt(),
          r.closedBy().name().toLowerCase(Locale.ROOT),
          d == null
              ? null
              : new DatasetView(
                  d.share(),
                  d.threshold(),
                  d.drifted(),
                  d.evaluatedFeatures(),
                  d.driftedFeatures(),
                  d.driftedFeatureNames()),
          d == null ? List.of() : d.features().stream().map(FeatureView::of).toList(),
          PredictionDriftView.of(r));
    }
  }

  /** Data set verdict. */
  public record DatasetView(
      double share,
      double threshold,
      boolean drifted,
      int evaluatedFeatures,
      int driftedFeatureCount,
      List<String> driftedFeatures) {}

  /**
   * One feature's verdict: the deciding method's statistic, p-value (tests only), threshold, and
   * all scores.
   */
  public record FeatureView(
      String feature,
      String type,
      String status,
      String method,
      Double statistic,
      Double pValue,
      double threshold,
      boolean drifted,
      long referenceCount,
      long currentCount,
      Map<String, Double> scores) {

    static FeatureView of(FeatureDriftResult f) {
      Map<String, Double> scores = new TreeMap<>();
      f.scores().forEach((m, s) -> scores.put(m.name().toLowerCase(Locale.ROOT), s.statistic()));
      return new FeatureView(
          f.feature(),
          f.type().name().toLowerCase(Locale.ROOT),
          f.status().name().toLowerCase(Locale.ROOT),
          f.method().name().toLowerCase(Locale.ROOT),
          f.statistic(),
          f.pValue(),
          f.threshold(),
          f.drifted(),
          f.referenceCount(),
          f.currentCount(),
          scores);
    }
  }
}

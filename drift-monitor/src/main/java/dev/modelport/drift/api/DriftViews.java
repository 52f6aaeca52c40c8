package dev.modelport.drift.api;

import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.featurestats.drift.DatasetDriftResult;
import dev.modelport.featurestats.drift.FeatureDriftResult;
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
      String model, String version, String reportUrl, WindowView latest, List<WindowView> recent) {}

  /**
   * One evaluated window. {@code datasetDrift} and {@code features} are absent without baseline.
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
      List<FeatureView> features) {

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
          d == null ? List.of() : d.features().stream().map(FeatureView::of).toList());
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

package dev.modelport.featurestats.drift;

import dev.modelport.featurestats.profile.CategoricalProfile;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureProfile;
import dev.modelport.featurestats.profile.NumericProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a current profile with a reference profile of the same schema, feature by feature, and
 * decides drift with a {@link DriftConfig} (Evidently's defaults unless overridden). Stateless and
 * thread-safe; the profiles are only read (do not update them concurrently).
 */
public final class DriftDetector {

  private final DriftConfig config;

  public DriftDetector(DriftConfig config) {
    this.config = config;
  }

  public DriftDetector() {
    this(DriftConfig.defaults());
  }

  public DatasetDriftResult compare(DatasetProfile reference, DatasetProfile current) {
    if (!reference.schema().equals(current.schema())) {
      throw new IllegalArgumentException("reference and current profiles have different schemas");
    }
    List<FeatureDriftResult> results = new ArrayList<>();
    int evaluated = 0;
    int drifted = 0;
    for (int i = 0; i < reference.schema().size(); i++) {
      FeatureDriftResult r = compare(reference.feature(i), current.feature(i));
      results.add(r);
      if (r.status() == FeatureDriftStatus.EVALUATED) {
        evaluated++;
        if (r.drifted()) {
          drifted++;
        }
      }
    }
    double share = evaluated == 0 ? 0 : (double) drifted / evaluated;
    return new DatasetDriftResult(
        results,
        evaluated,
        drifted,
        share,
        config.datasetDriftShare(),
        evaluated > 0 && share >= config.datasetDriftShare());
  }

  /** Compares one feature (same name and type on both sides). */
  public FeatureDriftResult compare(FeatureProfile reference, FeatureProfile current) {
    if (!reference.name().equals(current.name()) || reference.type() != current.type()) {
      throw new IllegalArgumentException(
          "cannot compare " + reference.name() + " with " + current.name());
    }
    String name = reference.name();
    if (reference.count() == 0 || current.count() == 0) {
      DriftMethod method = config.methodFor(name, reference.type(), reference.count(), -1);
      FeatureDriftStatus status =
          reference.count() == 0
              ? FeatureDriftStatus.EMPTY_REFERENCE
              : FeatureDriftStatus.EMPTY_CURRENT;
      return notEvaluated(reference, current, status, method, Map.of());
    }
    FeatureScorer.Scores scores =
        reference instanceof NumericProfile ref
            ? FeatureScorer.numeric(ref, (NumericProfile) current)
            : FeatureScorer.categorical(
                (CategoricalProfile) reference, (CategoricalProfile) current);
    DriftMethod method =
        config.methodFor(name, reference.type(), reference.count(), scores.distinct());
    DriftScore score = scores.scores().get(method);
    if (score == null) {
      return notEvaluated(
          reference, current, FeatureDriftStatus.NOT_APPLICABLE, method, scores.scores());
    }
    double threshold = config.thresholdFor(name, method);
    return new FeatureDriftResult(
        name,
        reference.type(),
        FeatureDriftStatus.EVALUATED,
        method,
        score.statistic(),
        score.pValue(),
        threshold,
        method.drifted(score, threshold),
        score.estimation(),
        reference.count(),
        current.count(),
        scores.scores());
  }

  private FeatureDriftResult notEvaluated(
      FeatureProfile reference,
      FeatureProfile current,
      FeatureDriftStatus status,
      DriftMethod method,
      Map<DriftMethod, DriftScore> scores) {
    return new FeatureDriftResult(
        reference.name(),
        reference.type(),
        status,
        method,
        null,
        null,
        config.thresholdFor(reference.name(), method),
        false,
        null,
        reference.count(),
        current.count(),
        scores);
  }
}

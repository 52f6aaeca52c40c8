package dev.modelport.drift.metrics;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.drift.DatasetDriftResult;
import dev.modelport.featurestats.drift.DriftMethod;
import dev.modelport.featurestats.drift.DriftScore;
import dev.modelport.featurestats.drift.FeatureDriftResult;
import dev.modelport.featurestats.drift.FeatureDriftStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drift-monitor's Micrometer meters (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@code modelport.drift.score} [{@code modelport_drift_score}] gauge per model, version,
 *       feature and method: the statistic of the latest window;
 *   <li>{@code modelport.drift.p.value} [{@code modelport_drift_p_value}] gauge per model, version,
 *       feature and method: the p-value of the latest window, for the p-value methods only (KS,
 *       chi-square, Z-test);
 *   <li>{@code modelport.drift.detected} gauge 0/1 per model, version, feature;
 *   <li>{@code modelport.drift.dataset.share} gauge per model, version: share of drifted features;
 *   <li>{@code modelport.drift.dataset.drifted} gauge 0/1 per model, version;
 *   <li>{@code modelport.drift.rows} counter per model, version: rows profiled;
 *   <li>{@code modelport.drift.windows} counter per model, version, outcome (drift, no_drift,
 *       no_baseline);
 *   <li>{@code modelport.drift.bad.events} counter per reason;
 *   <li>{@code modelport.drift.consumer.lag} gauge per topic: records behind the log end, summed
 *       over the partitions this replica owns;
 *   <li>{@code modelport.drift.actions} counter per action (alert, retraining_job) and result.
 * </ul>
 *
 * Thread-safe. Gauge values are held here (strongly referenced) and overwritten by each window.
 */
public final class DriftMetrics {

  public static final String SCORE = "modelport.drift.score";
  public static final String P_VALUE = "modelport.drift.p.value";
  public static final String DETECTED = "modelport.drift.detected";
  public static final String DATASET_SHARE = "modelport.drift.dataset.share";
  public static final String DATASET_DRIFTED = "modelport.drift.dataset.drifted";
  public static final String ROWS = "modelport.drift.rows";
  public static final String WINDOWS = "modelport.drift.windows";
  public static final String BAD_EVENTS = "modelport.drift.bad.events";
  public static final String CONSUMER_LAG = "modelport.drift.consumer.lag";
  public static final String ACTIONS = "modelport.drift.actions";

  private final MeterRegistry registry;
  private final Map<Tags, GaugeValue> gauges = new ConcurrentHashMap<>();
  private final Map<Tags, Counter> counters = new ConcurrentHashMap<>();

  public DriftMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts rows added to a window. */
  public void rows(ModelVersionKey key, long rows) {
    counter(ROWS, Tags.of("model", key.model(), "version", key.version()), "rows profiled")
        .increment(rows);
  }

  /**
   * Counts a skipped event; {@code reason} is the tag of the consumer's fixed set of reasons
   * ({@code undecodable}, {@code schema_mismatch}, {@code non_finite}, {@code unknown_model},
   * {@code request_too_long}, {@code invalid_request}, {@code registry_refused}).
   */
  public void badEvent(String reason) {
    counter(BAD_EVENTS, Tags.of("reason", reason), "inference events skipped").increment();
  }

  /** Records an evaluated window: its outcome, and the scores when it had a baseline. */
  public void window(ModelVersionKey key, String outcome, DatasetDriftResult result) {
    Tags version = Tags.of("model", key.model(), "version", key.version());
    counter(WINDOWS, version.and("outcome", outcome), "windows evaluated").increment();
    if (result == null) {
      return;
    }
    gauge(DATASET_SHARE, version, "share of drifted features in the latest window")
        .set(result.share());
    gauge(DATASET_DRIFTED, version, "whether the latest window drifted as a data set")
        .set(result.drifted() ? 1 : 0);
    for (FeatureDriftResult f : result.features()) {
      Tags feature = version.and("feature", f.feature());
      gauge(DETECTED, feature, "whether the feature drifted in the latest window")
          .set(f.drifted() ? 1 : 0);
      if (f.status() != FeatureDriftStatus.EVALUATED) {
        continue;
      }
      for (Map.Entry<DriftMethod, DriftScore> s : f.scores().entrySet()) {
        Tags method = feature.and("method", s.getKey().name().toLowerCase(Locale.ROOT));
        // p-value first: whoever sees a feature's score also sees its p-value
        if (s.getKey().isPValueTest() && s.getValue().pValue() != null) {
          gauge(P_VALUE, method, "p-value of the drift test in the latest window")
              .set(s.getValue().pValue());
        }
        gauge(SCORE, method, "drift statistic of the latest window").set(s.getValue().statistic());
      }
    }
  }

  /** Sets the consumer lag of a topic. */
  public void lag(String topic, long records) {
    gauge(CONSUMER_LAG, Tags.of("topic", topic), "records behind the end of the log").set(records);
  }

  /**
   * Counts an action taken on a drift episode ({@code alert} or {@code retraining_job}) and its
   * result.
   */
  public void action(String action, String result) {
    counter(ACTIONS, Tags.of("action", action, "result", result), "drift episode actions")
        .increment();
  }

  private Counter counter(String name, Tags tags, String description) {
    return counters.computeIfAbsent(
        tags.and("__name", name),
        k -> Counter.builder(name).tags(tags).description(description).register(registry));
  }

  private GaugeValue gauge(String name, Tags tags, String description) {
    return gauges.computeIfAbsent(
        tags.and("__name", name),
        k -> {
          GaugeValue v = new GaugeValue();
          Gauge.builder(name, v, GaugeValue::get)
              .tags(tags)
              .description(description)
              .register(registry);
          return v;
        });
  }

  /** A gauge's current value. */
  private static final class GaugeValue {
    private volatile double value;

    double get() {
      return value;
    }

    void set(double v) {
      value = v;
    }
  }
}

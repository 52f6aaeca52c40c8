package dev.modelport.drift.support;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.baseline.BaselineSource;
import dev.modelport.drift.baseline.VersionBaseline;
import dev.modelport.drift.consumer.ConsumerSettings;
import dev.modelport.drift.consumer.DriftConsumerLoop;
import dev.modelport.drift.consumer.EventRowsReader;
import dev.modelport.drift.evaluation.HistogramBuilder;
import dev.modelport.drift.evaluation.WindowEvaluator;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.evaluation.WindowReportListener;
import dev.modelport.drift.metrics.DriftMetrics;
import dev.modelport.drift.metrics.MetricsRecorder;
import dev.modelport.drift.window.WindowBook;
import dev.modelport.drift.window.WindowPolicy;
import dev.modelport.featurestats.drift.DriftConfig;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.protocol.tensor.TensorLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The service's consumer pipeline (loop, windows, evaluator, metrics) wired in plain Java for
 * tests: baselines from a map, reports collected in a list.
 */
public final class LoopHarness {

  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final DriftMetrics metrics = new DriftMetrics(meters);
  public final List<WindowReport> reports = new CopyOnWriteArrayList<>();
  private final Map<ModelVersionKey, VersionBaseline> versions = new HashMap<>();
  private final Map<String, WindowPolicy> policies = new HashMap<>();
  private final Map<String, DriftConfig> configs = new HashMap<>();
  private final List<WindowReportListener> listeners = new ArrayList<>();
  private WindowPolicy defaultPolicy = new WindowPolicy(1000, Duration.ofHours(1));
  private BaselineSource source;
  private Duration retryBackoff = Duration.ofMillis(200);
  private Duration retryBackoffMax = Duration.ofMillis(200);

  /** The consumer's retry backoff (default 200 ms, not growing). */
  public LoopHarness retryBackoff(Duration initial, Duration max) {
    retryBackoff = initial;
    retryBackoffMax = max;
    return this;
  }

  public LoopHarness version(VersionBaseline v) {
    versions.put(v.key(), v);
    return this;
  }

  public LoopHarness policy(String model, WindowPolicy p) {
    policies.put(model, p);
    return this;
  }

  public LoopHarness defaultPolicy(WindowPolicy p) {
    defaultPolicy = p;
    return this;
  }

  public LoopHarness driftConfig(String model, DriftConfig c) {
    configs.put(model, c);
    return this;
  }

  /** Tells {@code listener} of every evaluated window too, on the consumer thread. */
  public LoopHarness listener(WindowReportListener listener) {
    listeners.add(listener);
    return this;
  }

  /** Takes baselines from {@code source} (e.g. the registry) instead of the registered versions. */
  public LoopHarness baselineSource(BaselineSource source) {
    this.source = source;
    return this;
  }

  public BaselineSource baselines() {
    return source != null ? source : key -> Optional.ofNullable(versions.get(key));
  }

  public DriftConsumerLoop loop(String bootstrap, String topic, String group) {
    return loop(bootstrap, topic, group, Map.of());
  }

  public DriftConsumerLoop loop(
      String bootstrap, String topic, String group, Map<String, String> kafka) {
    ConsumerSettings settings =
        new ConsumerSettings(
            bootstrap,
            topic,
            group,
            "earliest",
            Duration.ofMillis(100),
            500,
            retryBackoff,
            retryBackoffMax,
            Duration.ofSeconds(5),
            kafka);
    Function<String, DriftConfig> driftConfigs =
        m -> configs.getOrDefault(m, DriftConfig.defaults());
    WindowEvaluator evaluator =
        new WindowEvaluator(
            baselines(),
            driftConfigs,
            new HistogramBuilder(20),
            all(reports::add, new MetricsRecorder(metrics)),
            Clock.systemUTC());
    WindowBook book =
        new WindowBook(
            k -> policies.getOrDefault(k.model(), defaultPolicy), ProfileOptions.DEFAULTS);
    return new DriftConsumerLoop(
        settings, baselines(), book, new EventRowsReader(TensorLimits.DEFAULT), evaluator, metrics);
  }

  private List<WindowReportListener> all(WindowReportListener... first) {
    List<WindowReportListener> all = new ArrayList<>(List.of(first));
    all.addAll(listeners);
    return all;
  }

  public double counter(String name, String... tags) {
    var c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  public List<WindowReport> reportsOf(String model) {
    return reports.stream().filter(r -> r.key().model().equals(model)).toList();
  }
}

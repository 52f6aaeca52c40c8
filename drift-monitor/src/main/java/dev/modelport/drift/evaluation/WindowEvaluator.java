package dev.modelport.drift.evaluation;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.baseline.BaselineSource;
import dev.modelport.drift.baseline.BaselineUnavailableException;
import dev.modelport.drift.baseline.VersionBaseline;
import dev.modelport.drift.window.ClosedWindow;
import dev.modelport.drift.window.WindowSink;
import dev.modelport.featurestats.drift.DatasetDriftResult;
import dev.modelport.featurestats.drift.DriftConfig;
import dev.modelport.featurestats.drift.DriftDetector;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureProfile;
import dev.modelport.featurestats.profile.NumericProfile;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Compares each closed window with its version's baseline ({@link DriftDetector} with the model's
 * {@link DriftConfig}), builds the histograms and tells the listeners. Runs on the consumer thread;
 * the cost is that of the drift statistics (KS on up to the reservoir size per numeric feature), a
 * few milliseconds per window of 30 features. Each evaluation, listeners included, runs in a {@code
 * drift.window.evaluate} span ({@link EvaluationSpans}).
 */
public final class WindowEvaluator implements WindowSink {

  private final BaselineSource baselines;
  private final Function<String, DriftConfig> configs;
  private final HistogramBuilder histograms;
  private final List<WindowReportListener> listeners;
  private final Clock clock;
  private final EvaluationSpans spans;
  private final Map<ModelVersionKey, AtomicLong> sequences = new ConcurrentHashMap<>();

  /** Without tracing (a no-op tracer). */
  public WindowEvaluator(
      BaselineSource baselines,
      Function<String, DriftConfig> configs,
      HistogramBuilder histograms,
      List<WindowReportListener> listeners,
      Clock clock) {
    this(
        baselines,
        configs,
        histograms,
        listeners,
        clock,
        OpenTelemetry.noop().getTracer(WindowEvaluator.class.getName()));
  }

  public WindowEvaluator(
      BaselineSource baselines,
      Function<String, DriftConfig> configs,
      HistogramBuilder histograms,
      List<WindowReportListener> listeners,
      Clock clock,
      Tracer tracer) {
    this.baselines = baselines;
    this.configs = configs;
    this.histograms = histograms;
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
    this.spans = new EvaluationSpans(tracer);
  }

  @Override
  public void windowClosed(ClosedWindow window) {
    Span span = spans.start(window);
    try (Scope scope = span.makeCurrent()) {
      WindowReport report = evaluate(window);
      spans.evaluated(span, report);
      for (WindowReportListener l : listeners) {
        l.windowEvaluated(report);
      }
    } catch (RuntimeException e) {
      spans.failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** Evaluates a window without telling the listeners. */
  public WindowReport evaluate(ClosedWindow window) {
    DatasetProfile live = window.profile();
    String problem;
    DatasetProfile baseline = null;
    DatasetProfile outputBaseline = null;
    try {
      Optional<VersionBaseline> version = baselines.fetch(window.key());
      outputBaseline = version.flatMap(VersionBaseline::outputBaseline).orElse(null);
      problem =
          version
              .map(VersionBaseline::missingBaselineReason)
              .orElse("the registry no longer knows this version");
      if (version.isPresent() && version.get().baseline().isPresent()) {
        baseline = version.get().baseline().get();
        if (!baseline.schema().equals(live.schema())) {
          baseline = null;
          problem = "the baseline's features differ from the window's";
        }
      }
    } catch (BaselineUnavailableException e) {
      problem = "the registry was unavailable: " + e.getMessage();
    }
    DriftDetector detector = new DriftDetector(configs.apply(window.key().model()));
    DatasetDriftResult result = baseline == null ? null : detector.compare(baseline, live);
    List<FeatureHistogram> hist = new ArrayList<>(live.schema().size());
    for (int i = 0; i < live.schema().size(); i++) {
      hist.add(histograms.build(baseline == null ? null : baseline.feature(i), live.feature(i)));
    }
    Outcome outcome =
        result == null ? Outcome.NO_BASELINE : result.drifted() ? Outcome.DRIFT : Outcome.NO_DRIFT;
    long sequence =
        sequences.computeIfAbsent(window.key(), k -> new AtomicLong()).incrementAndGet();
    return new WindowReport(
        window.key(),
        sequence,
        window.partition(),
        window.firstOffset(),
        window.lastOffset(),
        window.rows(),
        window.events(),
        window.firstEventAt(),
        window.lastEventAt(),
        clock.instant(),
        window.reason(),
        outcome,
        result == null ? problem : null,
        result,
        hist,
        outputs(window.outputs(), outputBaseline, detector));
  }

  /**
   * Prediction drift: each live output column summarised, and compared with the baseline's column
   * of the same name and type when there is one. Apart from the input features: it never changes
   * the data set's share of drifted features.
   */
  private List<OutputColumnReport> outputs(
      DatasetProfile live, DatasetProfile baseline, DriftDetector detector) {
    if (live == null || live.features().stream().allMatch(f -> f.count() == 0)) {
      // no event of the window carried the outputs
      return List.of();
    }
    List<OutputColumnReport> out = new ArrayList<>(live.schema().size());
    for (int i = 0; i < live.schema().size(); i++) {
      FeatureProfile column = live.feature(i);
      FeatureProfile reference = null;
      if (baseline != null && baseline.schema().contains(column.name())) {
        FeatureProfile candidate = baseline.feature(column.name());
        reference = candidate.type() == column.type() ? candidate : null;
      }
      out.add(
          new OutputColumnReport(
              column.name(),
              column instanceof NumericProfile n ? OutputSummary.of(n) : null,
              reference == null ? null : detector.compare(reference, column),
              histograms.build(reference, column)));
    }
    return out;
  }
}

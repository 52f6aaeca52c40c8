package dev.modelport.drift.metrics;

import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.evaluation.WindowReportListener;

/** Publishes each evaluated window to {@link DriftMetrics}. Thread-safe. */
public final class MetricsRecorder implements WindowReportListener {

  private final DriftMetrics metrics;

  public MetricsRecorder(DriftMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void windowEvaluated(WindowReport report) {
    metrics.window(report.key(), report.outcome().tag(), report.result());
  }
}

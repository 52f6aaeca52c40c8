package dev.modelport.drift.evaluation;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.window.CloseReason;
import dev.modelport.featurestats.drift.DatasetDriftResult;
import java.time.Instant;
import java.util.List;

/**
 * The evaluation of one closed window. Immutable; shared between the consumer thread (which makes
 * it) and readers (API, report page, actions).
 *
 * @param key model version
 * @param sequence number of the window among this process's windows of the version, from 1
 * @param partition Kafka partition of its events
 * @param firstOffset offset of its first event
 * @param lastOffset offset of its last event
 * @param rows rows profiled
 * @param events events profiled
 * @param firstEventAt first event's timestamp
 * @param lastEventAt last event's timestamp
 * @param evaluatedAt when it was evaluated
 * @param closedBy why it closed
 * @param outcome drift, no drift or no baseline
 * @param message why there was no baseline; null otherwise
 * @param result the comparison with the baseline; null without baseline
 * @param histograms per feature, in schema order
 * @param outputs prediction drift: per profiled output column, in output order (empty when the
 *     version profiles no output); never counted in {@code result}'s share of drifted features
 */
public record WindowReport(
    ModelVersionKey key,
    long sequence,
    int partition,
    long firstOffset,
    long lastOffset,
    long rows,
    int events,
    Instant firstEventAt,
    Instant lastEventAt,
    Instant evaluatedAt,
    CloseReason closedBy,
    Outcome outcome,
    String message,
    DatasetDriftResult result,
    List<FeatureHistogram> histograms,
    List<OutputColumnReport> outputs) {

  public WindowReport {
    histograms = List.copyOf(histograms);
    outputs = List.copyOf(outputs);
  }

  /** Without outputs. */
  public WindowReport(
      ModelVersionKey key,
      long sequence,
      int partition,
      long firstOffset,
      long lastOffset,
      long rows,
      int events,
      Instant firstEventAt,
      Instant lastEventAt,
      Instant evaluatedAt,
      CloseReason closedBy,
      Outcome outcome,
      String message,
      DatasetDriftResult result,
      List<FeatureHistogram> histograms) {
    this(
        key,
        sequence,
        partition,
        firstOffset,
        lastOffset,
        rows,
        events,
        firstEventAt,
        lastEventAt,
        evaluatedAt,
        closedBy,
        outcome,
        message,
        result,
        histograms,
        List.of());
  }

  /** Names of the output columns that drifted against the baseline's. */
  public List<String> driftedOutputs() {
    return outputs.stream()
        .filter(o -> o.drift() != null && o.drift().drifted())
        .map(OutputColumnReport::column)
        .toList();
  }

  /** Names of the drifted features (none without baseline). */
  public List<String> driftedFeatures() {
    return result == null ? List.of() : result.driftedFeatureNames();
  }
}

package dev.modelport.drift.evaluation;

import dev.modelport.drift.ModelVersionKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The most recent window reports per model version, newest first, at most {@code historySize} each.
 * Thread-safe: the consumer thread adds, HTTP threads read copies. Memory: the reports themselves
 * (histograms and per-feature results, a few KB per window of 30 features).
 */
public final class DriftResultsStore implements WindowReportListener {

  private final int historySize;
  private final Map<ModelVersionKey, Deque<WindowReport>> reports = new ConcurrentHashMap<>();

  public DriftResultsStore(int historySize) {
    if (historySize < 1) {
      throw new IllegalArgumentException("historySize must be positive: " + historySize);
    }
    this.historySize = historySize;
  }

  @Override
  public void windowEvaluated(WindowReport report) {
    Deque<WindowReport> d = reports.computeIfAbsent(report.key(), k -> new ArrayDeque<>());
    synchronized (d) {
      d.addFirst(report);
      while (d.size() > historySize) {
        d.removeLast();
      }
    }
  }

  /** Recent reports of a version, newest first (empty when none). */
  public List<WindowReport> recent(ModelVersionKey key) {
    Deque<WindowReport> d = reports.get(key);
    if (d == null) {
      return List.of();
    }
    synchronized (d) {
      return new ArrayList<>(d);
    }
  }

  public Optional<WindowReport> latest(ModelVersionKey key) {
    List<WindowReport> r = recent(key);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  /** Every version with at least one report, by model then version. */
  public List<ModelVersionKey> all() {
    return reports.keySet().stream().sorted().toList();
  }

  /** Versions of {@code model} with at least one report, in version order. */
  public List<ModelVersionKey> versions(String model) {
    return reports.keySet().stream().filter(k -> k.model().equals(model)).sorted().toList();
  }
}

package dev.modelport.drift.actions;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.evaluation.Outcome;
import dev.modelport.drift.evaluation.WindowReport;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts consecutive drifted windows per model version. An episode starts when the count reaches K,
 * once: the next windows of the same run do not start another; a window without dataset drift (or
 * without baseline) ends the run. Not thread-safe: called from the consumer thread.
 */
public final class DriftEpisodes {

  private final int consecutiveWindows;
  private final Map<ModelVersionKey, Integer> runs = new HashMap<>();

  public DriftEpisodes(int consecutiveWindows) {
    if (consecutiveWindows < 1) {
      throw new IllegalArgumentException(
          "consecutiveWindows must be positive: " + consecutiveWindows);
    }
    this.consecutiveWindows = consecutiveWindows;
  }

  /** Records a window; true when it starts a drift episode. */
  public boolean record(WindowReport report) {
    if (report.outcome() != Outcome.DRIFT) {
      runs.remove(report.key());
      return false;
    }
    int run = runs.merge(report.key(), 1, Integer::sum);
    return run == consecutiveWindows;
  }

  public int consecutiveWindows() {
    return consecutiveWindows;
  }
}

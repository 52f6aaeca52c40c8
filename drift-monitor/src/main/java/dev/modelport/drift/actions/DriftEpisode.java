package dev.modelport.drift.actions;

import dev.modelport.drift.evaluation.WindowReport;

/**
 * A model version that drifted (as a data set) for the configured number of consecutive windows.
 *
 * @param report the window that completed the run
 * @param consecutiveWindows the run's length
 * @param reportUrl the version's report page
 */
public record DriftEpisode(WindowReport report, int consecutiveWindows, String reportUrl) {}

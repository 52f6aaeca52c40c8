package dev.modelport.cli.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The drift windows of the demo model under {@code modelport up}: one window per file of rows that
 * {@code modelport demo} sends (test.csv, then drifted.csv, 114 rows each), closed by its row
 * count; and a window duration short enough that a window opened by a few stray requests closes by
 * time well before a demo gives up waiting for it, long enough for 114 rows at the slowest rate.
 */
public final class DemoWindow {

  /** The example model the demo drives. */
  public static final String MODEL = "breast-cancer-mlp";

  /** Rows per window: the rows of the example's test.csv and of its drifted.csv. */
  public static final int ROWS = 114;

  /** Longest window of the demo model. */
  public static final Duration DURATION = Duration.ofSeconds(60);

  private DemoWindow() {}

  /** The drift-monitor settings {@code up} passes (a {@code --set drift....} overrides them). */
  public static Map<String, String> driftMonitorSettings() {
    String prefix = "modelport.drift.models.\"" + MODEL + "\".window.";
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(prefix + "max-rows", Integer.toString(ROWS));
    settings.put(prefix + "max-duration", DURATION.toSeconds() + "s");
    return settings;
  }
}

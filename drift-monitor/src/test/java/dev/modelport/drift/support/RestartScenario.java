package dev.modelport.drift.support;

import static dev.modelport.drift.support.ExampleModels.BREAST;
import static dev.modelport.drift.support.ExampleModels.CREDIT;

import dev.modelport.drift.window.WindowPolicy;
import dev.modelport.featurestats.drift.DriftConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of the restart tests: 60 breast-cancer events of 5 rows (windows of 100 rows: events
 * 0-19, 20-39, 40-59), the first half from test.csv and the second from drifted.csv, and between
 * them 30 credit-risk events of 20 rows (windows of 60 rows), which close while a breast window is
 * open and so exercise the commit metadata. The first 45 messages end with breast window 2 open
 * (first offset 30).
 */
public final class RestartScenario {

  public static final int FIRST_HALF = 45;
  public static final long OPEN_WINDOW_FIRST_OFFSET = 30;
  public static final int WINDOWS = 13;

  private RestartScenario() {}

  public static List<Producers.Message> messages() {
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    double[][] drifted = ExampleModels.rows(BREAST, "drifted.csv");
    double[][] creditTest = ExampleModels.rows(CREDIT, "test.csv");
    double[][] creditDrifted = ExampleModels.rows(CREDIT, "drifted.csv");
    List<Producers.Message> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      double[][] source = i < 30 ? test : drifted;
      int from = (i * 5) % (source.length - 5);
      all.add(
          new Producers.Message(
              BREAST,
              InferenceEvents.breast("1", source, from, from + 5, 1_000_000L + i).toByteArray()));
      if (i % 2 == 0) {
        int c = i / 2;
        double[][] cs = c < 15 ? creditTest : creditDrifted;
        all.add(
            new Producers.Message(
                CREDIT,
                InferenceEvents.credit("1", cs, c * 20, c * 20 + 20, 1_000_000L + i)
                    .toByteArray()));
      }
    }
    return all;
  }

  /**
   * Window and drift settings of the scenario, on a harness whose baselines are set by the caller.
   */
  public static LoopHarness configure(LoopHarness h) {
    return h.policy(BREAST, new WindowPolicy(100, Duration.ofHours(1)))
        .policy(CREDIT, new WindowPolicy(60, Duration.ofHours(1)))
        .driftConfig(BREAST, DriftConfig.defaults().withDatasetDriftShare(0.15));
  }
}

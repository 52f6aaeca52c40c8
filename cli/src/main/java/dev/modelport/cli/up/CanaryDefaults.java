package dev.modelport.cli.up;

import dev.modelport.cli.demo.DemoWindow;
import java.util.Map;

/**
 * The canary deployment {@code up} gives the demo model when serving follows the registry: the
 * version the alias {@code challenger} points at answers 10 % of requests beside {@code champion},
 * so that the README walkthrough's canary works on a plain {@code up}. Without the alias there is
 * no canary.
 */
final class CanaryDefaults {

  static final String ALIAS = "challenger";
  static final int WEIGHT_PERCENT = 10;

  private CanaryDefaults() {}

  /** Serving's system properties for the demo model's canary. */
  static Map<String, String> servingSettings() {
    String prefix = "modelport.serving.deployments.\"" + DemoWindow.MODEL + "\".";
    return Map.of(
        prefix + "canary",
        "alias:" + ALIAS,
        prefix + "canary-weight",
        String.valueOf(WEIGHT_PERCENT));
  }
}

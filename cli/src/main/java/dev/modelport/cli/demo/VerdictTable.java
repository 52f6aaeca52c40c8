package dev.modelport.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console table of two windows' per-feature verdicts side by side (the test rows and the
 * drifted rows): method, score, p-value (tests only) and verdict, then each window's data set line.
 * Stateless.
 */
final class VerdictTable {

  private VerdictTable() {}

  static String render(JsonNode testWindow, JsonNode driftedWindow) {
    Map<String, JsonNode> test = byFeature(testWindow);
    Map<String, JsonNode> drifted = byFeature(driftedWindow);
    List<String> features = new ArrayList<>(test.keySet());
    drifted.keySet().stream().filter(f -> !test.containsKey(f)).forEach(features::add);
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
                "  %-24s %-10s | %-28s | %s",
                "",
                "",
                "test rows (" + testWindow.path("rows").asLong() + ")",
                "drifted rows (" + driftedWindow.path("rows").asLong() + ")")
            .stripTrailing());
    text.append(System.lineSeparator());
    text.append(
        String.format(
            "  %-24s %-10s | %-9s %-8s %-9s | %-9s %-8s %s%n",
            "feature", "method", "score", "p-value", "verdict", "score", "p-value", "verdict"));
    for (String feature : features) {
      JsonNode t = test.get(feature);
      JsonNode d = drifted.get(feature);
      String method = (t != null ? t : d).path("method").asText();
      text.append(
              String.format("  %-24s %-10s | %s | %s", feature, method, cells(t), cells(d))
                  .stripTrailing())
          .append(System.lineSeparator());
    }
    text.append(summary("test rows", testWindow));
    text.append(summary("drifted rows", driftedWindow));
    return text.toString();
  }

  private static String cells(JsonNode f) {
    if (f == null) {
      return String.format("%-28s", "-");
    }
    String verdict =
        !f.path("status").asText().equals("evaluated")
            ? f.path("status").asText()
            : f.path("drifted").asBoolean() ? "DRIFT" : "ok";
    return String.format(
        "%-9s %-8s %-9s", number(f.path("statistic")), number(f.path("pValue")), verdict);
  }

  private static String number(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return "-";
    }
    double v = n.asDouble();
    return v != 0 && Math.abs(v) < 0.001
        ? String.format(Locale.ROOT, "%.1e", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String summary(String label, JsonNode window) {
    JsonNode d = window.path("datasetDrift");
    if (d.isMissingNode() || d.isNull()) {
      return String.format(
          "  %s: %s (%s)%n",
          label, window.path("outcome").asText(), window.path("message").asText());
    }
    List<String> names = new ArrayList<>();
    d.path("driftedFeatures").forEach(n -> names.add(n.asText()));
    return String.format(
        Locale.ROOT,
        "  %s: %d of %d features drifted%s; data set drift %s (share %.2f, threshold %.2f)%n",
        label,
        d.path("driftedFeatureCount").asInt(),
        d.path("evaluatedFeatures").asInt(),
        names.isEmpty() ? "" : " (" + String.join(", ", names) + ")",
        d.path("drifted").asBoolean() ? "YES" : "no",
        d.path("share").asDouble(),
        d.path("threshold").asDouble());
  }

  private static Map<String, JsonNode> byFeature(JsonNode window) {
    Map<String, JsonNode> features = new LinkedHashMap<>();
    window.path("features").forEach(f -> features.put(f.path("feature").asText(), f));
    return features;
  }
}

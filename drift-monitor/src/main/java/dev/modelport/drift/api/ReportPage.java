package dev.modelport.drift.api;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.evaluation.FeatureHistogram;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.featurestats.drift.FeatureDriftResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The HTML drift report of a model version, rendered on the server: the latest window's verdict, a
 * table and an SVG histogram (baseline versus live) per feature, drifted features first, and the
 * recent windows. Plain HTML and inline SVG: works without JavaScript. Stateless.
 */
final class ReportPage {

  private ReportPage() {}

  static String render(ModelVersionKey key, List<WindowReport> recent) {
    WindowReport latest = recent.get(0);
    StringBuilder html = new StringBuilder(64 * 1024);
    String title = "Drift report: " + key.model() + " version " + key.version();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title))
        .append(
            "</title><style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
                + "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}"
                + ".drifted{color:#b00020;font-weight:bold}.feature{display:inline-block;margin:0 1em 1em 0;vertical-align:top}"
                + "</style></head><body>");
    html.append("<h1>").append(Html.escape(title)).append("</h1>");
    html.append("<p>Window ")
        .append(latest.sequence())
        .append(": ")
        .append(latest.rows())
        .append(" rows in ")
        .append(latest.events())
        .append(" events, ")
        .append(latest.firstEventAt())
        .append(" to ")
        .append(latest.lastEventAt())
        .append(", closed by ")
        .append(latest.closedBy().name().toLowerCase(Locale.ROOT))
        .append(". Outcome: <strong class=\"outcome\">")
        .append(latest.outcome().tag())
        .append("</strong>");
    if (latest.result() != null) {
      html.append(
          String.format(
              Locale.ROOT,
              " (%d of %d features drifted, share %.2f, threshold %.2f)",
              latest.result().driftedFeatures(),
              latest.result().evaluatedFeatures(),
              latest.result().share(),
              latest.result().threshold()));
    } else {
      html.append(" (").append(Html.escape(latest.message())).append(')');
    }
    html.append(".</p>");
    features(html, latest);
    history(html, recent);
    html.append("</body></html>");
    return html.toString();
  }

  private static void features(StringBuilder html, WindowReport r) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < r.histograms().size(); i++) {
      order.add(i);
    }
    if (r.result() != null) {
      order.sort(Comparator.comparing((Integer i) -> !r.result().features().get(i).drifted()));
    }
    html.append(
        "<h2>Features</h2><table><thead><tr><th>feature</th><th>type</th><th>method</th><th>statistic</th>"
            + "<th>p-value</th><th>threshold</th><th>verdict</th></tr></thead><tbody>");
    for (int i : order) {
      FeatureHistogram h = r.histograms().get(i);
      FeatureDriftResult f = r.result() == null ? null : r.result().features().get(i);
      html.append("<tr><td>")
          .append(Html.escape(h.feature()))
          .append("</td><td>")
          .append(h.type().name().toLowerCase(Locale.ROOT))
          .append("</td>");
      if (f == null) {
        html.append("<td colspan=\"5\">no baseline</td></tr>");
        continue;
      }
      html.append("<td>")
          .append(f.method().name().toLowerCase(Locale.ROOT))
          .append("</td><td>")
          .append(num(f.statistic()))
          .append("</td><td>")
          .append(num(f.pValue()))
          .append("</td><td>")
          .append(num(f.threshold()))
          .append("</td><td")
          .append(
              f.drifted()
                  ? " class=\"drifted\">drifted"
                  : ">" + f.status().name().toLowerCase(Locale.ROOT).replace("evaluated", "stable"))
          .append("</td></tr>");
    }
    html.append(
        "</tbody></table><h2>Histograms</h2><p>Blue: baseline (training data); orange: this window.</p>");
    for (int i : order) {
      FeatureHistogram h = r.histograms().get(i);
      boolean drifted = r.result() != null && r.result().features().get(i).drifted();
      html.append("<figure class=\"feature\"><figcaption")
          .append(drifted ? " class=\"drifted\"" : "")
          .append('>')
          .append(Html.escape(h.feature()))
          .append(drifted ? " (drifted)" : "")
          .append("</figcaption>")
          .append(SvgHistogram.render(h))
          .append("</figure>");
    }
  }

  private static void history(StringBuilder html, List<WindowReport> recent) {
    html.append(
        "<h2>Recent windows</h2><table><thead><tr><th>window</th><th>evaluated</th><th>rows</th>"
            + "<th>outcome</th><th>share</th><th>drifted features</th></tr></thead><tbody>");
    for (WindowReport r : recent) {
      html.append("<tr><td>")
          .append(r.sequence())
          .append("</td><td>")
          .append(r.evaluatedAt())
          .append("</td><td>")
          .append(r.rows())
          .append("</td><td>")
          .append(r.outcome().tag())
          .append("</td><td>")
          .append(r.result() == null ? "" : num(r.result().share()))
          .append("</td><td>")
          .append(Html.escape(String.join(", ", r.driftedFeatures())))
          .append("</td></tr>");
    }
    html.append("</tbody></table>");
  }

  private static String num(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.4g", v);
  }
}

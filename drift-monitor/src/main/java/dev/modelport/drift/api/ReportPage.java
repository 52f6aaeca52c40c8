package dev.modelport.drift.api;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.evaluation.FeatureHistogram;
import dev.modelport.drift.evaluation.OutputColumnReport;
import dev.modelport.drift.evaluation.OutputSummary;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.window.OpenWindow;
import dev.modelport.featurestats.drift.FeatureDriftResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The HTML drift report of a model version, rendered on the server: the open windows, the latest
 * window's verdict, a table per feature with its score over the recent windows (an SVG trend), an
 * SVG histogram (baseline versus live) per feature, drifted features first, prediction drift of the
 * output columns, and the recent windows. Plain HTML and inline SVG: works without JavaScript.
 * Stateless.
 */
final class ReportPage {

  private ReportPage() {}

  static String render(ModelVersionKey key, List<WindowReport> recent) {
    return render(key, recent, List.of());
  }

  static String render(ModelVersionKey key, List<WindowReport> recent, List<OpenWindow> open) {
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
    openWindows(html, open);
    features(html, latest, recent);
    outputs(html, latest);
    history(html, recent);
    html.append("</body></html>");
    return html.toString();
  }

  /**
   * The page of a version whose first window is still open: how many rows it holds, of how many,
   * and when it closes at the latest.
   */
  static String renderPending(ModelVersionKey key, List<OpenWindow> open) {
    StringBuilder html = new StringBuilder(4 * 1024);
    String title = "Drift report: " + key.model() + " version " + key.version();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title))
        .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1100px}")
        .append("</style></head><body><h1>")
        .append(Html.escape(title))
        .append("</h1><p>No window of this version has been evaluated yet: the report appears")
        .append(" here once the open window closes.</p>");
    openWindows(html, open);
    html.append("</body></html>");
    return html.toString();
  }

  private static void openWindows(StringBuilder html, List<OpenWindow> open) {
    if (open.isEmpty()) {
      html.append("<p class=\"open-window\">No window is open: the next event opens one.</p>");
      return;
    }
    for (OpenWindow w : open) {
      html.append("<p class=\"open-window\">Open window (partition ")
          .append(w.partition())
          .append("): ")
          .append(w.rows())
          .append(" of ")
          .append(w.maxRows())
          .append(" rows in ")
          .append(w.events())
          .append(" events, opened ")
          .append(w.openedAt())
          .append(", closes by ")
          .append(w.closesBy())
          .append(" at the latest (sooner when its rows are reached).</p>");
    }
  }

  private static void features(StringBuilder html, WindowReport r, List<WindowReport> recent) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < r.histograms().size(); i++) {
      order.add(i);
    }
    if (r.result() != null) {
      order.sort(Comparator.comparing((Integer i) -> !r.result().features().get(i).drifted()));
    }
    html.append(
        "<h2>Features</h2><table><thead><tr><th>feature</th><th>type</th><th>method</th><th>statistic</th>"
            + "<th>p-value</th><th>threshold</th><th>verdict</th><th>recent windows</th></tr></thead><tbody>");
    for (int i : order) {
      FeatureHistogram h = r.histograms().get(i);
      FeatureDriftResult f = r.result() == null ? null : r.result().features().get(i);
      html.append("<tr><td>")
          .append(Html.escape(h.feature()))
          .append("</td><td>")
          .append(h.type().name().toLowerCase(Locale.ROOT))
          .append("</td>");
      if (f == null) {
        html.append("<td colspan=\"5\">no baseline</td><td>")
            .append(trend(h.feature(), recent))
            .append("</td></tr>");
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
          .append(verdictCell(f))
          .append("</td><td>")
          .append(trend(h.feature(), recent))
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

  /** The feature's deciding statistic in each recent window that evaluated it, oldest first. */
  private static String trend(String feature, List<WindowReport> recent) {
    List<SvgTrend.Point> points = new ArrayList<>();
    String method = "score";
    for (int i = recent.size() - 1; i >= 0; i--) {
      WindowReport w = recent.get(i);
      if (w.result() == null) {
        continue;
      }
      for (FeatureDriftResult f : w.result().features()) {
        if (f.feature().equals(feature) && f.statistic() != null) {
          points.add(new SvgTrend.Point(w.sequence(), f.statistic(), f.drifted()));
          method = f.method().name().toLowerCase(Locale.ROOT);
        }
      }
    }
    return SvgTrend.render(feature, method, points);
  }

  private static void outputs(StringBuilder html, WindowReport r) {
    if (r.outputs().isEmpty()) {
      return;
    }
    html.append(
        "<h2 id=\"prediction-drift\">Prediction drift (outputs)</h2><p>Output columns are compared"
            + " with the baseline's columns of the same name; they do not count toward the share of"
            + " drifted features.</p><table class=\"outputs\"><thead><tr><th>column</th><th>count</th>"
            + "<th>mean</th><th>p05</th><th>p50</th><th>p95</th><th>method</th><th>statistic</th>"
            + "<th>p-value</th><th>verdict</th></tr></thead><tbody>");
    for (OutputColumnReport o : r.outputs()) {
      OutputSummary s = o.summary();
      html.append("<tr><td>")
          .append(Html.escape(o.column()))
          .append("</td><td>")
          .append(s == null ? "" : s.count())
          .append("</td><td>")
          .append(s == null ? "" : num(s.mean()))
          .append("</td><td>")
          .append(s == null ? "" : num(s.quantiles().get("p05")))
          .append("</td><td>")
          .append(s == null ? "" : num(s.quantiles().get("p50")))
          .append("</td><td>")
          .append(s == null ? "" : num(s.quantiles().get("p95")))
          .append("</td>");
      FeatureDriftResult f = o.drift();
      if (f == null) {
        html.append("<td colspan=\"4\">not in the baseline</td></tr>");
        continue;
      }
      html.append("<td>")
          .append(f.method().name().toLowerCase(Locale.ROOT))
          .append("</td><td>")
          .append(num(f.statistic()))
          .append("</td><td>")
          .append(num(f.pValue()))
          .append("</td><td")
          .append(verdictCell(f))
          .append("</td></tr>");
    }
    html.append("</tbody></table>");
    for (OutputColumnReport o : r.outputs()) {
      boolean drifted = o.drift() != null && o.drift().drifted();
      html.append("<figure class=\"output\"><figcaption")
          .append(drifted ? " class=\"drifted\"" : "")
          .append('>')
          .append(Html.escape(o.column()))
          .append(drifted ? " (drifted)" : "")
          .append("</figcaption>")
          .append(SvgHistogram.render(o.histogram()))
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

  /** The rest of a verdict cell after {@code <td}: the status, marked when it drifted. */
  private static String verdictCell(FeatureDriftResult f) {
    return f.drifted()
        ? " class=\"drifted\">drifted"
        : ">" + f.status().name().toLowerCase(Locale.ROOT).replace("evaluated", "stable");
  }
}

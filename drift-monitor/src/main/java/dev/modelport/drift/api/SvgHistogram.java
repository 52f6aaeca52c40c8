package dev.modelport.drift.api;

import dev.modelport.drift.evaluation.FeatureHistogram;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link FeatureHistogram} as an inline SVG: per bin a baseline bar (blue) and a live bar
 * (orange) side by side, scaled to the largest fraction, with the range or categories below. Needs
 * no script or stylesheet. Stateless.
 */
final class SvgHistogram {

  static final int WIDTH = 420;
  static final int HEIGHT = 150;
  private static final int PLOT_TOP = 8;
  private static final int PLOT_BOTTOM = 118;
  private static final int LEFT = 8;

  private SvgHistogram() {}

  static String render(FeatureHistogram h) {
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg class=\"histogram\" data-feature=\"")
        .append(Html.escape(h.feature()))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\"><title>")
        .append(Html.escape(h.feature()))
        .append(": baseline (blue) versus live (orange)</title>");
    int bins = h.labels().size();
    if (bins == 0) {
      svg.append("<text x=\"8\" y=\"70\" font-size=\"12\">no values</text></svg>");
      return svg.toString();
    }
    double max = 1e-12;
    for (double v : h.baseline()) {
      max = Math.max(max, v);
    }
    for (double v : h.live()) {
      max = Math.max(max, v);
    }
    double slot = (double) (WIDTH - 2 * LEFT) / bins;
    double bar = Math.max(1, slot * 0.4);
    svg.append("<line x1=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(PLOT_BOTTOM)
        .append("\" x2=\"")
        .append(WIDTH - LEFT)
        .append("\" y2=\"")
        .append(PLOT_BOTTOM)
        .append("\" stroke=\"#999\"/>");
    for (int i = 0; i < bins; i++) {
      double x = LEFT + i * slot + slot * 0.1;
      bar(svg, x, bar, value(h.baseline(), i), max, "#4c78a8", "baseline", h.labels().get(i));
      bar(svg, x + bar, bar, value(h.live(), i), max, "#f58518", "live", h.labels().get(i));
    }
    if (h.edges().isEmpty()) {
      for (int i = 0; i < bins && bins <= 12; i++) {
        text(svg, LEFT + i * slot + slot / 2, "middle", h.labels().get(i));
      }
    } else {
      text(svg, LEFT, "start", number(h.edges().get(0)));
      text(svg, WIDTH - LEFT, "end", number(h.edges().get(h.edges().size() - 1)));
    }
    svg.append("</svg>");
    return svg.toString();
  }

  private static double value(List<Double> values, int i) {
    return i < values.size() ? values.get(i) : 0;
  }

  private static void bar(
      StringBuilder svg,
      double x,
      double width,
      double value,
      double max,
      String colour,
      String side,
      String label) {
    double height = (PLOT_BOTTOM - PLOT_TOP) * value / max;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %.1f%%</title></rect>",
            x,
            PLOT_BOTTOM - height,
            width,
            height,
            colour,
            side,
            Html.escape(label),
            100 * value));
  }

  private static void text(StringBuilder svg, double x, String anchor, String content) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"%s\">%s</text>",
            x,
            PLOT_BOTTOM + 16,
            anchor,
            Html.escape(content)));
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}

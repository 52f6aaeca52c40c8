package dev.modelport.drift.api;

import java.util.List;
import java.util.Locale;

/**
 * Renders a feature's score over the recent windows as a small inline SVG: a line through one point
 * per window (oldest left), drifted windows in red, scaled from 0 to the largest score. Needs no
 * script or stylesheet. Stateless.
 */
final class SvgTrend {

  static final int WIDTH = 120;
  static final int HEIGHT = 28;
  private static final int PAD = 3;

  /** One window's score and verdict. */
  record Point(long window, double score, boolean drifted) {}

  private SvgTrend() {}

  static String render(String feature, String method, List<Point> points) {
    StringBuilder svg = new StringBuilder(256 + 96 * points.size());
    svg.append("<svg class=\"trend\" data-feature=\"")
        .append(Html.escape(feature))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\"><title>")
        .append(Html.escape(feature))
        .append(": ")
        .append(Html.escape(method))
        .append(" over the last ")
        .append(points.size())
        .append(" windows</title>");
    double max = 1e-12;
    for (Point p : points) {
      max = Math.max(max, p.score());
    }
    double step = points.size() > 1 ? (double) (WIDTH - 2 * PAD) / (points.size() - 1) : 0;
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double x = points.size() > 1 ? PAD + i * step : WIDTH / 2.0;
      double y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * p.score() / max;
      line.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", x, y));
      dots.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"><title>window %d: %.4g%s</title></circle>",
              x,
              y,
              p.drifted() ? "#b00020" : "#4c78a8",
              p.window(),
              p.score(),
              p.drifted() ? " (drifted)" : ""));
    }
    if (points.size() > 1) {
      svg.append("<polyline fill=\"none\" stroke=\"#999\" stroke-width=\"1\" points=\"")
          .append(line)
          .append("\"/>");
    }
    svg.append(dots).append("</svg>");
    return svg.toString();
  }
}

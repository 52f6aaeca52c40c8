package dev.modelport.drift.support;

import dev.modelport.drift.evaluation.WindowReport;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** One line per window with everything that makes its verdict, to compare runs. */
public final class Verdicts {

  private Verdicts() {}

  /** Canonical text (scores sorted by method: the result's maps iterate in a per-JVM order). */
  public static String of(WindowReport r) {
    StringBuilder sb =
        new StringBuilder()
            .append(r.key())
            .append(' ')
            .append(r.firstOffset())
            .append("..")
            .append(r.lastOffset())
            .append(" rows=")
            .append(r.rows())
            .append(' ')
            .append(r.outcome());
    if (r.result() != null) {
      sb.append(" share=").append(r.result().share());
      for (var f : r.result().features()) {
        sb.append(" | ")
            .append(f.feature())
            .append(' ')
            .append(f.status())
            .append(' ')
            .append(f.method())
            .append(' ')
            .append(f.statistic())
            .append(' ')
            .append(f.pValue())
            .append(' ')
            .append(f.threshold())
            .append(' ')
            .append(f.drifted())
            .append(' ')
            .append(new java.util.TreeMap<>(f.scores()));
      }
    }
    return sb.toString();
  }

  /** Sorted by model version and first offset. */
  public static List<String> of(Collection<WindowReport> reports) {
    return reports.stream()
        .sorted(Comparator.comparing(WindowReport::key).thenComparing(WindowReport::firstOffset))
        .map(Verdicts::of)
        .toList();
  }
}

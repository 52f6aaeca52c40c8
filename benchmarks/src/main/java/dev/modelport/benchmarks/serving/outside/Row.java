package dev.modelport.benchmarks.serving.outside;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One row of the table: a scenario and its rounds, summarised by the median and the spread (min to
 * max) over the rounds.
 */
public final class Row {

  private final String scenario;
  private final String generator;
  private final List<Round> rounds = new ArrayList<>();
  private String skipped;

  /**
   * @param generator how it is loaded, for the table (e.g. {@code wrk -t1 -c64})
   */
  public Row(String scenario, String generator) {
    this.scenario = scenario;
    this.generator = generator;
  }

  public String scenario() {
    return scenario;
  }

  public String generator() {
    return generator;
  }

  public List<Round> rounds() {
    return rounds;
  }

  public void add(Round round) {
    rounds.add(round);
  }

  /** Marks the row as not measured, saying why (e.g. the tool is not installed). */
  public void skip(String why) {
    this.skipped = why;
  }

  /** Why the row was not measured, or null. */
  public String skipped() {
    return skipped;
  }

  /** Rounds whose generator used more than 80 % of its cores. */
  public long invalidRounds() {
    return rounds.stream().filter(Round::invalid).count();
  }

  /** The median of a figure over the rounds (NaN without rounds). */
  public double median(ToDoubleFunction<Round> figure) {
    double[] v = values(figure);
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  public double min(ToDoubleFunction<Round> figure) {
    double[] v = values(figure);
    return v.length == 0 ? Double.NaN : v[0];
  }

  public double max(ToDoubleFunction<Round> figure) {
    double[] v = values(figure);
    return v.length == 0 ? Double.NaN : v[v.length - 1];
  }

  public long errors() {
    return rounds.stream().mapToLong(Round::errors).sum();
  }

  private double[] values(ToDoubleFunction<Round> figure) {
    double[] v = rounds.stream().mapToDouble(figure).toArray();
    Arrays.sort(v);
    return v;
  }
}

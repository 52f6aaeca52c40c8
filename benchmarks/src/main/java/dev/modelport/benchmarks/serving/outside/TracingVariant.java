package dev.modelport.benchmarks.serving.outside;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One server the tracing benchmark loads beside the untraced one: traced at a sampling ratio, or a
 * second untraced server (the A/A control, which measures the method's own bias: two identical
 * servers side by side should differ by nothing).
 *
 * @param label the variant's name in the log and the table
 * @param ratio the sampling ratio as given, or {@code null} for the untraced control
 */
record TracingVariant(String label, String ratio) {

  /** The value of {@code bench.tracing.ratios} that asks for the untraced control. */
  static final String CONTROL = "off";

  /**
   * The variants of {@code bench.tracing.ratios}: ratios between 0 and 1 and {@code off}, comma
   * separated, in the order given.
   *
   * @throws IllegalArgumentException naming the property and the value it cannot take
   */
  static List<TracingVariant> parse(String ratios) {
    List<TracingVariant> variants = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String part : ratios.split(",", -1)) {
      String value = part.strip().toLowerCase(Locale.ROOT);
      if (!seen.add(value)) {
        throw new IllegalArgumentException("bench.tracing.ratios: '" + value + "' is given twice");
      }
      if (value.equals(CONTROL)) {
        variants.add(new TracingVariant("tracing off (control)", null));
      } else {
        checkRatio(value);
        variants.add(new TracingVariant("tracing on, ratio " + value, value));
      }
    }
    return variants;
  }

  boolean traced() {
    return ratio != null;
  }

  private static void checkRatio(String value) {
    double ratio;
    try {
      ratio = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bench.tracing.ratios: '" + value + "' is neither a ratio nor '" + CONTROL + "'");
    }
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException(
          "bench.tracing.ratios: " + value + " is not a sampling ratio between 0 and 1");
    }
  }
}

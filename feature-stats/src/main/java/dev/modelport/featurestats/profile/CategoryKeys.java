package dev.modelport.featurestats.profile;

/**
 * The one spelling of a category key, whatever the source: an INT64 code 4, a float 4.0 from a
 * tensor and the CSV text "4" or "4.0" all become {@code "4"}, so that a baseline built from a CSV
 * and a window built from live tensors count the same categories. Other text is kept as is
 * (trimmed); null, empty and NaN are missing (null).
 */
public final class CategoryKeys {

  private CategoryKeys() {}

  public static String of(long value) {
    return Long.toString(value);
  }

  /** The key of a numeric code; null for NaN. */
  public static String of(double value) {
    if (Double.isNaN(value)) {
      return null;
    }
    if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** The key of a text value; null when missing. */
  public static String of(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.isEmpty() || t.equalsIgnoreCase("nan")) {
      return null;
    }
    char c = t.charAt(0);
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
      try {
        return of(Double.parseDouble(t));
      } catch (NumberFormatException notANumber) {
        return t;
      }
    }
    return t;
  }
}

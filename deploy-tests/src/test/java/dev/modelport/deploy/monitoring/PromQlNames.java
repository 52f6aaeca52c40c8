package dev.modelport.deploy.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana {@code label_values(...)} query) selects. A
 * lexical reading, enough for the expressions this repository writes: string literals, label
 * matchers ({@code {...}}), range and subquery brackets ({@code [...]}) and grouping label lists
 * ({@code by (...)}, {@code without}, {@code on}, {@code ignoring}, {@code group_left/right}) are
 * removed; what remains are function names (followed by {@code (}), keywords, numbers, durations
 * and metric names. Grafana variables ({@code $model}, {@code $__rate_interval}) are ignored.
 */
public final class PromQlNames {

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
  private static final Pattern STRINGS =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "atan2",
          "inf",
          "nan",
          "Inf",
          "NaN");

  private PromQlNames() {}

  /** The metric names of {@code expr}, sorted. */
  public static Set<String> of(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher labelValues = LABEL_VALUES.matcher(expr);
    if (labelValues.find()) {
      names.add(labelValues.group(1));
      return names;
    }
    String s = STRINGS.matcher(expr).replaceAll("\"\"");
    s = removeBracketed(s, '{', '}');
    s = removeBracketed(s, '[', ']');
    s = GROUPING.matcher(s).replaceAll(" ");
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String name = m.group(1);
      boolean function = m.group(2) != null;
      if (!function && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static String removeBracketed(String s, char open, char close) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (char c : s.toCharArray()) {
      if (c == open) {
        depth++;
      } else if (c == close && depth > 0) {
        depth--;
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }
}

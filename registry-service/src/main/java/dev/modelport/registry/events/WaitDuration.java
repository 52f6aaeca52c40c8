package dev.modelport.registry.events;

import dev.modelport.registry.error.InvalidInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code wait} of a long poll: {@code 30s}, {@code 500ms}, {@code 2m}, plain seconds or
 * ISO-8601.
 */
public final class WaitDuration {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m)?");

  private WaitDuration() {}

  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return Duration.ZERO;
    }
    Matcher m = SIMPLE.matcher(text.trim());
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofSeconds(amount);
      };
    }
    try {
      Duration d = Duration.parse(text.trim());
      if (!d.isNegative()) {
        return d;
      }
    } catch (RuntimeException ignored) {
      // fall through to the error below
    }
    throw new InvalidInputException("wait", "must be a duration such as 30s, 500ms or 1m");
  }
}

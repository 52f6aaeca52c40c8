package dev.modelport.serving.lifecycle;

import dev.modelport.serving.error.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * What a model name may be in the repository API: letters, digits, {@code .}, {@code _} and {@code
 * -}, starting with a letter or digit, at most {@value #MAX_LENGTH} characters (the registry's
 * model names fit, and none of them reads as a path).
 */
public final class ModelNames {

  static final int MAX_LENGTH = 128;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private ModelNames() {}

  /**
   * @throws InvalidRequestException naming the problem when {@code name} is not a model name
   */
  public static void requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidRequestException("model name: must not be empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw new InvalidRequestException(
          "model name: longer than " + MAX_LENGTH + " characters (" + name.length() + ")");
    }
    if (!VALID.matcher(name).matches()) {
      throw new InvalidRequestException(
          "model name '"
              + printable(name)
              + "': only letters, digits, '.', '_' and '-' are allowed, starting with a letter or"
              + " digit");
    }
  }

  /** {@code name} with control and non-ASCII characters written as {@code \\uXXXX}. */
  static String printable(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints()
        .limit(MAX_LENGTH)
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f && c != '\'') {
                b.appendCodePoint(c);
              } else {
                b.append(String.format("\\u%04x", c));
              }
            });
    return b.toString();
  }
}

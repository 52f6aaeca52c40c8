package dev.modelport.registry.alias;

import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.model.ModelName;
import java.util.regex.Pattern;

/**
 * An alias name such as {@code champion}. An alias that is set or moved must match {@value
 * #PATTERN} (a lower-case letter, then lower-case letters, digits and hyphens; at most 64
 * characters; {@link #forWrite}), so that look-alikes such as {@code champion.} or {@code Champion}
 * cannot exist beside a protected alias. Reads and deletes accept any name of the older, wider rule
 * of {@link ModelName}, so that aliases created before the pattern can still be resolved and
 * removed.
 */
public record AliasName(String value) {
  /** The documented pattern of alias names. */
  public static final String PATTERN = "[a-z][a-z0-9-]{0,63}";

  private static final Pattern STRICT = Pattern.compile(PATTERN);

  public AliasName {
    ModelName.check("alias", value);
  }

  /** A name to set or move an alias by: it must match {@link #PATTERN}. */
  public static AliasName forWrite(String value) {
    if (value == null || !STRICT.matcher(value).matches()) {
      String shown =
          value == null ? "" : value.length() > 70 ? value.substring(0, 70) + "…" : value;
      throw new InvalidInputException(
          "alias",
          "'"
              + shown
              + "' is not a valid alias name: a lower-case letter, then lower-case letters, digits"
              + " or '-', at most 64 characters ("
              + PATTERN
              + ")");
    }
    return new AliasName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

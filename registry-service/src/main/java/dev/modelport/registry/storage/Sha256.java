package dev.modelport.registry.storage;

import dev.modelport.registry.error.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A SHA-256 digest as 64 lower-case hex characters. Validated on construction, so it is safe to use
 * in file names and object keys.
 */
public record Sha256(String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Sha256 {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new InvalidInputException("sha256", "must be 64 lower-case hex characters");
    }
  }

  /** Parses user input, accepting upper case and an optional {@code sha256:} prefix. */
  public static Sha256 parse(String value) {
    String v = value == null ? null : value.trim().toLowerCase(java.util.Locale.ROOT);
    if (v != null && v.startsWith("sha256:")) {
      v = v.substring("sha256:".length());
    }
    return new Sha256(v);
  }

  public static Sha256 of(MessageDigest finished) {
    return new Sha256(HexFormat.of().formatHex(finished.digest()));
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return hex;
  }
}

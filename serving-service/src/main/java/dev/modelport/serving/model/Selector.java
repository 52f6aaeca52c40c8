package dev.modelport.serving.model;

import dev.modelport.protocol.model.VersionNumber;

/**
 * How a deployment chooses a version: {@code alias:<name>} (the version a registry alias points at,
 * followed as it moves) or {@code version:<n>} (a fixed version). Immutable.
 */
public sealed interface Selector {

  /** The selector as configured, e.g. {@code alias:champion}. */
  String text();

  /** The version an alias points at. */
  record Alias(String name) implements Selector {
    public Alias {
      if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
        throw new IllegalArgumentException(
            "alias name '" + name + "' must match [a-z0-9][a-z0-9._-]{0,63}");
      }
    }

    @Override
    public String text() {
      return "alias:" + name;
    }
  }

  /** A fixed version. */
  record Pinned(VersionNumber version) implements Selector {
    @Override
    public String text() {
      return "version:" + version;
    }
  }

  /**
   * Parses {@code alias:<name>} or {@code version:<n>}.
   *
   * @param property the configuration key the text comes from, named in the error
   * @throws IllegalArgumentException naming {@code property} and the expected forms
   */
  static Selector parse(String text, String property) {
    String t = text == null ? "" : text.trim();
    try {
      if (t.startsWith("alias:")) {
        return new Alias(t.substring("alias:".length()));
      }
      if (t.startsWith("version:")) {
        return new Pinned(VersionNumber.parse(t.substring("version:".length())));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          property + ": '" + text + "' is not a selector: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        property + ": '" + text + "' is not a selector; expected alias:<name> or version:<n>");
  }
}

package dev.modelport.benchmarks.serving.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated block of a Markdown file between two HTML comment markers ({@code <!-- name:begin
 * -->} and {@code <!-- name:end -->}): regenerating it replaces what lies between them and leaves
 * the hand-written text around it alone.
 */
public final class MarkedBlock {

  private MarkedBlock() {}

  /** The opening marker of block {@code name}. */
  public static String begin(String name) {
    return "<!-- " + name + ":begin -->";
  }

  /** The closing marker of block {@code name}. */
  public static String end(String name) {
    return "<!-- " + name + ":end -->";
  }

  /**
   * {@code document} with the block {@code name} replaced by {@code content}.
   *
   * @throws IllegalArgumentException when the markers are missing or out of order
   */
  public static String replace(String document, String name, String content) {
    int from = document.indexOf(begin(name));
    int to = document.indexOf(end(name));
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "no " + begin(name) + " … " + end(name) + " block in the document");
    }
    String body = content.endsWith("\n") ? content : content + "\n";
    return document.substring(0, from + begin(name).length())
        + "\n"
        + body
        + document.substring(to);
  }

  /** Replaces the block {@code name} in the file {@code out}. */
  public static void write(Path out, String name, String content) throws IOException {
    String doc = Files.readString(out, StandardCharsets.UTF_8);
    Files.writeString(out, replace(doc, name, content), StandardCharsets.UTF_8);
  }
}

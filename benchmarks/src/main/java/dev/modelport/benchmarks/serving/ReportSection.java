package dev.modelport.benchmarks.serving;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes one {@code ## heading} section of {@code docs/benchmarks.md}, replacing it if present. */
final class ReportSection {

  private ReportSection() {}

  /**
   * Replaces the section that starts with {@code heading} (a line {@code ## name}) up to the next
   * {@code ## } heading, or appends it at the end.
   *
   * @param section the whole section, starting with the heading line
   */
  static void write(Path out, String heading, String section) throws IOException {
    String doc = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
    int start = doc.indexOf("\n" + heading + "\n");
    if (start >= 0) {
      int next = doc.indexOf("\n## ", start + 1);
      doc = doc.substring(0, start + 1) + section + (next >= 0 ? doc.substring(next) : "");
    } else {
      doc = doc.stripTrailing() + "\n\n" + section;
    }
    Files.writeString(out, doc, StandardCharsets.UTF_8);
  }
}

package dev.modelport.cli.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks the lines of a child's log that explain why it failed to start: the last {@code ERROR} line
 * and, when a stack trace follows it, that trace's last {@code Caused by:} (the root cause).
 * Quarkus logs a start-up failure as {@code ERROR [io.quarkus.runtime.Application] Failed to start
 * application ...} followed by the trace. Stateless.
 */
final class LogDiagnosis {

  private static final Pattern ERROR = Pattern.compile("\\bERROR\\b|\\bFATAL\\b|^Error: ");
  private static final Pattern EXCEPTION =
      Pattern.compile("^(Caused by: )?[\\w$.]+(Exception|Error)(: .*)?$");

  private LogDiagnosis() {}

  /** The explaining lines of {@code lines}, trimmed; empty when there is none. */
  static List<String> explain(List<String> lines) {
    int error = -1;
    for (int i = lines.size() - 1; i >= 0 && error < 0; i--) {
      if (ERROR.matcher(lines.get(i)).find()) {
        error = i;
      }
    }
    String rootCause = null;
    for (int i = Math.max(0, error + 1); i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (EXCEPTION.matcher(line).matches()) {
        rootCause = line;
      }
    }
    List<String> explaining = new ArrayList<>(2);
    if (error >= 0) {
      explaining.add(lines.get(error).trim());
    }
    if (rootCause != null && !explaining.contains(rootCause)) {
      explaining.add(rootCause);
    }
    return explaining;
  }

  /** The explaining lines of the log file, as console text ({@code " "} before each line). */
  static String explain(Path log) {
    try {
      List<String> lines = explain(Files.readAllLines(log, StandardCharsets.UTF_8));
      if (lines.isEmpty()) {
        return "    (no ERROR line in " + log + ")";
      }
      return "    " + String.join("\n    ", lines);
    } catch (IOException | RuntimeException e) {
      return "    (cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}

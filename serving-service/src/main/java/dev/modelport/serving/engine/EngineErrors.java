package dev.modelport.serving.engine;

import dev.modelport.serving.error.EngineFailedException;
import dev.modelport.serving.error.EngineRefusedInputException;
import dev.modelport.serving.error.ServingException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what an engine call threw into what the client may see. ONNX Runtime reports input problems
 * with the status code {@code ORT_INVALID_ARGUMENT} (in the exception's message as DJL passes it
 * on); TorchScript with a Python exception type on the last line of its traceback ({@code
 * IndexError}, {@code ValueError}, {@code TypeError}, or a {@code RuntimeError} about shapes, sizes
 * or indices). Those are client errors; anything else is an engine failure. Either way the message
 * is one line naming the model, with file paths replaced by {@code <path>} and no traceback.
 */
final class EngineErrors {

  /** Python exception types that TorchScript raises for bad input. */
  private static final List<String> INPUT_ERROR_TYPES =
      List.of("IndexError", "ValueError", "TypeError");

  /** Words of a TorchScript {@code RuntimeError} about the input's shape or values. */
  private static final Pattern INPUT_RUNTIME_ERROR =
      Pattern.compile(
          "shape|size|dimension|index|out of range|out of bounds|expected|mismatch|must match",
          Pattern.CASE_INSENSITIVE);

  /** The last line of a traceback: {@code SomeError: message}. */
  private static final Pattern PYTHON_ERROR_LINE =
      Pattern.compile("^\\s*(?:[\\w.]+\\.)?(\\w*(?:Error|Exception)):\\s*(.*)$");

  /** ONNX Runtime's message, as {@code OrtException} words it. */
  private static final Pattern ORT_MESSAGE =
      Pattern.compile("Error code - (ORT_\\w+) - message: (.*)", Pattern.DOTALL);

  /** Absolute file paths (Unix and Windows), which never go into a response. */
  private static final Pattern PATH =
      Pattern.compile("(?:[A-Za-z]:\\\\|/)(?:[^\\s/\\\\\"':,()]+[/\\\\])+[^\\s/\\\\\"':,()]*");

  private static final int MAX_REASON_CHARS = 300;

  private EngineErrors() {}

  /**
   * The client-facing failure for {@code failure} of an engine call of {@code label} ({@code model
   * 'x' version 1}).
   */
  static ServingException translate(String label, Throwable failure) {
    if (failure instanceof ServingException se) {
      return se;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message == null) {
        continue;
      }
      Matcher ort = ORT_MESSAGE.matcher(message);
      if (ort.find() || t.getClass().getName().equals("ai.onnxruntime.OrtException")) {
        String code = ort.find(0) ? ort.group(1) : "ORT";
        String reason = ort.find(0) ? ort.group(2) : message;
        if (code.equals("ORT_INVALID_ARGUMENT")) {
          return refused(label, clean(reason), failure);
        }
        return failed(label, "ONNX Runtime " + code, failure);
      }
      if (message.contains("Traceback") || message.contains("TorchScript")) {
        String last = lastErrorLine(message);
        Matcher line = PYTHON_ERROR_LINE.matcher(last);
        if (line.matches()) {
          String type = line.group(1);
          String text = line.group(2);
          if (INPUT_ERROR_TYPES.contains(type)
              || (type.equals("RuntimeError") && INPUT_RUNTIME_ERROR.matcher(text).find())) {
            return refused(label, clean(type + ": " + text), failure);
          }
          return failed(label, "TorchScript " + type, failure);
        }
        return failed(label, "TorchScript", failure);
      }
    }
    return failed(label, failure.getClass().getSimpleName(), failure);
  }

  private static ServingException refused(String label, String reason, Throwable cause) {
    return new EngineRefusedInputException(
        label + ": the engine refused the input: " + reason, cause);
  }

  private static ServingException failed(String label, String what, Throwable cause) {
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    String detail = message.contains("\n") ? lastErrorLine(message) : message;
    return new EngineFailedException(
        label + ": the engine call failed (" + what + "); the server log has the details",
        detail,
        cause);
  }

  /** The last line of {@code message} that names an error type, else its last non-blank line. */
  private static String lastErrorLine(String message) {
    String[] lines = message.split("\\R");
    String lastNonBlank = "";
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (lastNonBlank.isEmpty()) {
        lastNonBlank = line;
      }
      if (PYTHON_ERROR_LINE.matcher(line).matches()) {
        return line;
      }
    }
    return lastNonBlank;
  }

  /** One line, paths removed, bounded. */
  static String clean(String reason) {
    String line = reason.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline).strip();
    }
    line = PATH.matcher(line).replaceAll("<path>");
    if (line.length() > MAX_REASON_CHARS) {
      line = line.substring(0, MAX_REASON_CHARS) + "…";
    }
    return line.toLowerCase(Locale.ROOT).startsWith("non-zero status code")
        ? ortNodeReason(line)
        : line;
  }

  /**
   * ONNX Runtime's run errors read "Non-zero status code returned while running Gather node.
   * Name:'...' Status Message: indices element out of data bounds ..."; the status message is the
   * reason.
   */
  private static String ortNodeReason(String line) {
    int at = line.indexOf("Status Message:");
    return at < 0 ? line : line.substring(at + "Status Message:".length()).strip();
  }
}

package dev.modelport.serving.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Why an engine could not load a model file, as readiness and the repository API show it: the
 * messages of the exception and its causes (DJL wraps the engine's own reason, such as ONNX
 * Runtime's "No Op registered for ...", in a generic "cannot be loaded"), each once, with the
 * file's path shortened to its name, since responses name no local paths. Stateless.
 */
final class LoadFailureReason {

  private static final int MAX_CAUSES = 8;

  private LoadFailureReason() {}

  static String of(Throwable failure, Path file) {
    List<String> messages = new ArrayList<>();
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
      String m = t.getMessage();
      if (m == null || m.isBlank()) {
        continue;
      }
      m = shorten(m.strip(), file);
      // a wrapper often repeats its cause's message, or a cause its wrapper's: keep each once
      String current = m;
      if (messages.stream().noneMatch(seen -> seen.contains(current))) {
        messages.removeIf(current::contains);
        messages.add(current);
      }
    }
    if (messages.isEmpty()) {
      return failure.getClass().getSimpleName();
    }
    return String.join(": ", messages);
  }

  private static String shorten(String message, Path file) {
    String name = file.getFileName().toString();
    return message.replace(file.toAbsolutePath().toString(), name).replace(file.toString(), name);
  }
}

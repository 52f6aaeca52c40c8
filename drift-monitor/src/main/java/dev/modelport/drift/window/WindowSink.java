package dev.modelport.drift.window;

/**
 * Receives every closed window on the consumer thread, before its offsets may be committed: it must
 * evaluate and record it before returning. Exceptions are logged and the window counts as done.
 */
@FunctionalInterface
public interface WindowSink {

  void windowClosed(ClosedWindow window);
}

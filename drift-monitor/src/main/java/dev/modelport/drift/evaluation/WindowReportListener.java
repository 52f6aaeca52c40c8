package dev.modelport.drift.evaluation;

/**
 * Told of every evaluated window, on the consumer thread: must return quickly (hand slow work such
 * as HTTP calls to another thread).
 */
@FunctionalInterface
public interface WindowReportListener {

  void windowEvaluated(WindowReport report);
}

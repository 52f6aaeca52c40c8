package dev.modelport.drift.error;

/**
 * Base of the failures the drift-monitor's HTTP API reports to the caller. Each subclass maps to
 * exactly one HTTP status in {@code dev.modelport.drift.api.ApiExceptionMapper}; the message is
 * shown to the caller as is, so it names the parameter, model or version concerned and never
 * carries internals (no stack trace, no file path). No stack trace is captured: these are answers,
 * not faults.
 */
public abstract sealed class DriftApiException extends RuntimeException
    permits InvalidParameterException, ResultsNotFoundException {

  private static final long serialVersionUID = 1L;

  protected DriftApiException(String message) {
    super(message, null, false, false);
  }
}

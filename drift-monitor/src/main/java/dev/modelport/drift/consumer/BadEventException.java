package dev.modelport.drift.consumer;

/** An event that cannot be profiled; it is counted, logged with its offset and skipped. */
public class BadEventException extends Exception {

  private final BadEventReason reason;

  public BadEventException(BadEventReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public BadEventReason reason() {
    return reason;
  }
}

package dev.modelport.registry.error;

/** An upload exceeds the configured size limit (HTTP 413). */
public final class PayloadTooLargeException extends RegistryException {
  public PayloadTooLargeException(String message) {
    super(message);
  }
}

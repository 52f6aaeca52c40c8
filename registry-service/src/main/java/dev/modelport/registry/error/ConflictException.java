package dev.modelport.registry.error;

/**
 * The write conflicts with the current state: a duplicate name, an alias still pointing (HTTP 409).
 */
public final class ConflictException extends RegistryException {
  public ConflictException(String message) {
    super(message);
  }
}

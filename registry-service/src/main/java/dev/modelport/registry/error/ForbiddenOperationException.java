package dev.modelport.registry.error;

/** The caller is authenticated but its role does not allow this write (HTTP 403). */
public final class ForbiddenOperationException extends RegistryException {
  public ForbiddenOperationException(String message) {
    super(message);
  }
}

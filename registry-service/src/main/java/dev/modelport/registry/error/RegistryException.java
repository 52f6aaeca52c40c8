package dev.modelport.registry.error;

/**
 * Base of the registry's domain failures. Each subclass maps to exactly one HTTP status in {@code
 * dev.modelport.registry.api.ApiExceptionMapper}; the message is shown to the caller.
 */
public abstract sealed class RegistryException extends RuntimeException
    permits InvalidInputException,
        NotFoundException,
        ConflictException,
        PayloadTooLargeException,
        ForbiddenOperationException,
        StorageException {
  protected RegistryException(String message) {
    super(message);
  }

  protected RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}

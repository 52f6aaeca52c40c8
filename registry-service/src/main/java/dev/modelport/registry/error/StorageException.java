package dev.modelport.registry.error;

/** The database or the blob store failed (HTTP 500); the cause is logged, not shown. */
public final class StorageException extends RegistryException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}

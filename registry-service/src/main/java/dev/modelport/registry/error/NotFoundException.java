package dev.modelport.registry.error;

/** No such model, version, alias or baseline (HTTP 404). */
public final class NotFoundException extends RegistryException {
  public NotFoundException(String message) {
    super(message);
  }
}

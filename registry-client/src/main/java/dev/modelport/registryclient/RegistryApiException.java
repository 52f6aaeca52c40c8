package dev.modelport.registryclient;

/**
 * The registry answered with an error status. {@link #error()} is the registry's {@code error}
 * message.
 */
public class RegistryApiException extends RegistryClientException {
  private final int status;
  private final String error;

  public RegistryApiException(int status, String error) {
    super("registry answered " + status + ": " + error);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  /** Whether the registry has no such model, version, alias or baseline. */
  public boolean isNotFound() {
    return status == 404;
  }
}

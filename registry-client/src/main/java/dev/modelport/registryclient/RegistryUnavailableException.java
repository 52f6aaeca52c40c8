package dev.modelport.registryclient;

/** The registry could not be reached or kept failing after all retries. */
public class RegistryUnavailableException extends RegistryClientException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

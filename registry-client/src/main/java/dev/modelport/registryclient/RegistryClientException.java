package dev.modelport.registryclient;

/** Base of every failure the registry client reports. Unchecked. */
public class RegistryClientException extends RuntimeException {
  public RegistryClientException(String message) {
    super(message);
  }

  public RegistryClientException(String message, Throwable cause) {
    super(message, cause);
  }
}

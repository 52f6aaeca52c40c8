package dev.modelport.drift.baseline;

/** The registry could not be reached or answered with a server error; the caller retries later. */
public class BaselineUnavailableException extends RuntimeException {

  public BaselineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

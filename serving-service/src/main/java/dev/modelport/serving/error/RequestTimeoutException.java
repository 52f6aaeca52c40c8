package dev.modelport.serving.error;

/**
 * The request's timeout passed before its result was ready; an expired request never reaches the
 * engine.
 */
public class RequestTimeoutException extends ServingException {

  private static final long serialVersionUID = 1L;

  public RequestTimeoutException(String message) {
    super(ErrorKind.TIMEOUT, message);
  }
}

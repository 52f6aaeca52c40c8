package dev.modelport.serving.error;

/**
 * A known model or version that cannot serve now: loading, draining, unloaded, failed, or the
 * server shutting down.
 */
public class ModelNotReadyException extends ServingException {

  private static final long serialVersionUID = 1L;

  public ModelNotReadyException(String message) {
    super(ErrorKind.UNAVAILABLE, message);
  }
}

package dev.modelport.serving.error;

/** An unknown model, or a version the model does not have. */
public class ModelNotFoundException extends ServingException {

  private static final long serialVersionUID = 1L;

  public ModelNotFoundException(String message) {
    super(ErrorKind.NOT_FOUND, message);
  }
}

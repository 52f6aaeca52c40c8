package dev.modelport.serving.model;

/** A {@code model.yaml} or model folder that cannot be served; the message names the file. */
public class ModelConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ModelConfigException(String message) {
    super(message);
  }

  public ModelConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.modelport.serving.error;

/** A request that does not match the protocol or the model's signature. */
public class InvalidRequestException extends ServingException {

  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(ErrorKind.BAD_REQUEST, message);
  }
}

package dev.modelport.serving.error;

/** An admin operation without the admin API key. */
public class UnauthorizedException extends ServingException {

  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String message) {
    super(ErrorKind.UNAUTHORIZED, message);
  }
}

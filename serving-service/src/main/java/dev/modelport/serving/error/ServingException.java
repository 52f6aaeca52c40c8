package dev.modelport.serving.error;

/**
 * A failure that the API reports to the client with the status of its {@link ErrorKind}. The
 * message is shown to the client as is, so it names the model, version or tensor concerned and
 * never carries internals.
 */
public class ServingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;

  public ServingException(ErrorKind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public ServingException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }
}

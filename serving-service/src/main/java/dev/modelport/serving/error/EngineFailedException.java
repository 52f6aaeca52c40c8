package dev.modelport.serving.error;

/**
 * The engine failed for a reason that is not the input's: reported as an internal error whose
 * message names the model and the kind of failure only; the engine's own reason ({@link #detail()},
 * which may carry file paths of the machine that exported the model) goes to the log, never to the
 * client.
 */
public class EngineFailedException extends ServingException {

  private static final long serialVersionUID = 1L;

  private final String detail;

  /**
   * @param message for the client
   * @param detail the engine's reason in one line, for the log only
   */
  public EngineFailedException(String message, String detail, Throwable cause) {
    super(ErrorKind.INTERNAL, message, cause);
    this.detail = detail;
  }

  /** The engine's reason, for the log only. */
  public String detail() {
    return detail;
  }

  /**
   * What the log says of {@code failure}: its message, with the engine's reason when it has one.
   */
  public static String forLog(Throwable failure) {
    if (failure instanceof EngineFailedException e) {
      return e.getMessage() + " [engine: " + e.detail() + "]";
    }
    return String.valueOf(failure.getMessage());
  }
}

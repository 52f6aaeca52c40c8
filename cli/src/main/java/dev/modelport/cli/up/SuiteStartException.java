package dev.modelport.cli.up;

/** The suite could not start; the message says why and what to do, ready for the console. */
public final class SuiteStartException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean interrupted;

  public SuiteStartException(String message) {
    this(message, false);
  }

  /**
   * @param interrupted whether the start ended because the user stopped it (Ctrl-C), which is not a
   *     failure to report
   */
  public SuiteStartException(String message, boolean interrupted) {
    super(message);
    this.interrupted = interrupted;
  }

  /** Whether the user stopped the start (Ctrl-C). */
  public boolean interrupted() {
    return interrupted;
  }

  public SuiteStartException(String message, Throwable cause) {
    super(message, cause);
    this.interrupted = false;
  }
}

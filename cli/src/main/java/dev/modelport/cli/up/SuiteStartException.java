package dev.modelport.cli.up;

/** The suite could not start; the message says why and what to do, ready for the console. */
public final class SuiteStartException extends Exception {
  private static final long serialVersionUID = 1L;

  public SuiteStartException(String message) {
    super(message);
  }

  public SuiteStartException(String message, Throwable cause) {
    super(message, cause);
  }
}

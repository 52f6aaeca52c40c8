package dev.modelport.cli.console;

/**
 * A client command failed for a reason the user can act on: its message is the one line printed
 * after {@code modelport: } on stderr, and the exit code is 1. Never carries a stack trace to the
 * console.
 */
public final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommandFailure(String message) {
    super(message, null, false, false);
  }
}

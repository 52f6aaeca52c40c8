package dev.modelport.cli.demo;

/** The demo cannot go on; the message says why and what to do, ready for the console. */
final class DemoException extends Exception {
  private static final long serialVersionUID = 1L;

  DemoException(String message) {
    super(message);
  }
}

package dev.modelport.registry.api;

import java.io.IOException;

/**
 * The request body broke off (the client went away before sending all of it) or is not the
 * multipart form it claims to be. An {@link IOException} so that it travels unchanged through
 * stream copies (the blob store's put) and can be told apart from a failing disk or object store:
 * it is the client's fault, a 400, never a 500.
 */
public final class RequestBodyException extends IOException {
  public RequestBodyException(String message) {
    super(message);
  }

  public RequestBodyException(String message, Throwable cause) {
    super(message, cause);
  }
}

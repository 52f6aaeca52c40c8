package dev.modelport.cli.connect;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/** Why a service could not be reached, in words (the JDK's exceptions often have no message). */
public final class Unreachable {
  private Unreachable() {}

  /** A short reason such as {@code connection refused}. */
  public static String reason(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "no connection within the connect timeout";
      }
      if (t instanceof HttpTimeoutException) {
        return "no answer within the timeout";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
      if (t.getMessage() != null && !t.getMessage().isBlank() && t.getCause() == null) {
        return t.getMessage();
      }
    }
    return cause == null ? "unknown reason" : cause.getClass().getSimpleName();
  }
}

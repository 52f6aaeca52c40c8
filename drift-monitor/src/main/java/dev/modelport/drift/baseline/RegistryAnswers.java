package dev.modelport.drift.baseline;

/**
 * What a registry error status means for the event that caused the request. A status that says the
 * request itself is wrong (a 4xx other than 429 and the authentication and timeout ones) is the
 * event's fault: asking again with the same event can never succeed, so the event is skipped as
 * bad. Anything else (5xx, 429, 401, 403, 407, 408, an unexpected status) says the registry or the
 * way to it is not working right now: the event is retried later. Stateless.
 */
public final class RegistryAnswers {

  /** The meaning of one status. */
  public enum Verdict {
    /** 404 or 410: the registry does not know the model version. */
    UNKNOWN_VERSION,
    /** 414 or 431: the event's model name (or version) makes a request the registry refuses. */
    REQUEST_TOO_LONG,
    /** 400 or 422: the registry says the model name or version is not valid. */
    INVALID_REQUEST,
    /** Any other 4xx that is not the registry's or the credentials' fault (405, 409, 413, ...). */
    REFUSED,
    /** Not the event's fault: retry the same event later. */
    RETRY;

    /** Whether the event must be skipped (true) or retried (false). */
    public boolean eventIsBad() {
      return this != RETRY;
    }
  }

  private RegistryAnswers() {}

  /** The verdict on an HTTP error status of the registry. */
  public static Verdict classify(int status) {
    return switch (status) {
      case 404, 410 -> Verdict.UNKNOWN_VERSION;
      case 414, 431 -> Verdict.REQUEST_TOO_LONG;
      case 400, 422 -> Verdict.INVALID_REQUEST;
      // not the event's fault: credentials, a proxy's authentication, a slow network, throttling
      case 401, 403, 407, 408, 429 -> Verdict.RETRY;
      default -> status >= 400 && status < 500 ? Verdict.REFUSED : Verdict.RETRY;
    };
  }
}

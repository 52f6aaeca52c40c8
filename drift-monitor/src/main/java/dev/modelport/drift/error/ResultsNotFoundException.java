package dev.modelport.drift.error;

/**
 * No window of the model or version asked about has been evaluated by this replica (HTTP 404): it
 * is unknown, or none of its events has reached a closed window yet.
 */
public final class ResultsNotFoundException extends DriftApiException {

  private static final long serialVersionUID = 1L;

  public ResultsNotFoundException(String message) {
    super(message);
  }
}

package dev.modelport.drift.baseline;

/**
 * The registry refused the request for an event's model version in a way that asking again cannot
 * change (see {@link RegistryAnswers}): the event is bad and must be skipped, not retried.
 */
public class BaselineRefusedException extends RuntimeException {

  private final RegistryAnswers.Verdict verdict;
  private final int status;

  public BaselineRefusedException(RegistryAnswers.Verdict verdict, int status, String message) {
    super(message, null, false, false);
    this.verdict = verdict;
    this.status = status;
  }

  /** Why the registry refused it; never {@link RegistryAnswers.Verdict#RETRY}. */
  public RegistryAnswers.Verdict verdict() {
    return verdict;
  }

  /** The registry's HTTP status. */
  public int status() {
    return status;
  }
}

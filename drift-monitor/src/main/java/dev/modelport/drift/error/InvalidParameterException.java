package dev.modelport.drift.error;

/**
 * A path or query parameter is malformed (HTTP 400). The message is {@code <parameter>: <problem>},
 * e.g. {@code version: must be a positive whole number, got 'x'}.
 */
public final class InvalidParameterException extends DriftApiException {

  private static final long serialVersionUID = 1L;

  private final String parameter;

  public InvalidParameterException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
  }

  /** The name of the parameter, as the API documents it ({@code version}, {@code model}). */
  public String parameter() {
    return parameter;
  }
}

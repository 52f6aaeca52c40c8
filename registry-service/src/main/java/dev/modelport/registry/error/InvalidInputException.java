package dev.modelport.registry.error;

/** A request field is malformed or inconsistent (HTTP 400); the message names the field. */
public final class InvalidInputException extends RegistryException {
  private final String field;

  public InvalidInputException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}

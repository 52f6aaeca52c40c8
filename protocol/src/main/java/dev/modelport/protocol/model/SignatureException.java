package dev.modelport.protocol.model;

/**
 * A signature that breaks a rule of {@link ModelSignature#check()}; names the offending field by
 * its path, such as {@code inputs[0].shape}, so each edge can prefix it with its own location
 * ({@code metadata.signature.} in a registry upload, the file in a {@code model.yaml}).
 */
public final class SignatureException extends IllegalArgumentException {

  private final String field;
  private final String problem;

  public SignatureException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** Path of the field inside the signature, e.g. {@code inputs[1].features[0].name}. */
  public String field() {
    return field;
  }

  /** What is wrong with it, without the field. */
  public String problem() {
    return problem;
  }
}

package dev.modelport.serving.registry;

/** An artifact that cannot be used: its bytes do not match the registry's SHA-256. */
public class ArtifactRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ArtifactRefusedException(String message) {
    super(message);
  }
}

package dev.modelport.registryclient;

/** A downloaded artifact's SHA-256 differs from the one the registry announced. */
public class ChecksumMismatchException extends RegistryClientException {
  public ChecksumMismatchException(String expected, String actual) {
    super("artifact checksum mismatch: expected sha256 " + expected + " but received " + actual);
  }
}

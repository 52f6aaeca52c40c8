package dev.modelport.protocol.tensor;

/** Whether a tensor is a request input or a response output; error messages start with it. */
public enum TensorRole {
  INPUT("input"),
  OUTPUT("output");

  private final String label;

  TensorRole(String label) {
    this.label = label;
  }

  /** The lower-case word used in messages: {@code input} or {@code output}. */
  public String label() {
    return label;
  }
}

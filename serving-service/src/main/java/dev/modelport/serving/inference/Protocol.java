package dev.modelport.serving.inference;

/** The transport a request came in on; the {@code protocol} metric tag. */
public enum Protocol {
  REST("rest"),
  GRPC("grpc");

  private final String tag;

  Protocol(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}

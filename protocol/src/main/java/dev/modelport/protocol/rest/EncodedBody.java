package dev.modelport.protocol.rest;

/**
 * An HTTP body of the V2 API: a JSON header, then the raw data of the tensors sent with the binary
 * tensor extension, in tensor order. The array is owned by the receiver.
 *
 * @param bytes the whole body
 * @param headerLength length of the JSON header; equals {@code bytes.length} without binary data
 */
public record EncodedBody(byte[] bytes, int headerLength) {

  /** HTTP header carrying {@link #headerLength()} when the body has binary data. */
  public static final String HEADER_CONTENT_LENGTH = "Inference-Header-Content-Length";

  /**
   * True when binary data follows the JSON header, so {@link #HEADER_CONTENT_LENGTH} must be sent.
   */
  public boolean hasBinaryData() {
    return headerLength < bytes.length;
  }
}

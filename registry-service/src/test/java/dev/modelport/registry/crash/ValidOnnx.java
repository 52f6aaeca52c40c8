package dev.modelport.registry.crash;

import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Distinct valid ONNX artifacts: the breast-cancer example's {@code model.onnx} with a ModelProto
 * {@code doc_string} (field 6) appended, which protobuf parsers read as the last value of the
 * field.
 */
public final class ValidOnnx {
  private static final byte[] BASE;

  static {
    try {
      BASE = Files.readAllBytes(ExampleModels.onnx(ExampleModels.BREAST_CANCER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ValidOnnx() {}

  /** The example model, unchanged. */
  public static byte[] example() {
    return BASE.clone();
  }

  /** A valid ONNX model whose bytes differ for every {@code n}. */
  public static byte[] numbered(long n) {
    byte[] doc = ("modelport test artifact " + n).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[BASE.length + 2 + doc.length];
    System.arraycopy(BASE, 0, out, 0, BASE.length);
    out[BASE.length] = 0x32; // field 6, length-delimited
    out[BASE.length + 1] = (byte) doc.length; // < 128: a one-byte varint
    System.arraycopy(doc, 0, out, BASE.length + 2, doc.length);
    return out;
  }
}

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

  /**
   * A valid ONNX model (by the registry's format check; not loadable) of {@code size} bytes (at
   * least 4) whose ModelProto {@code doc_string} is random: artifacts of a chosen size that differ
   * by seed.
   */
  public static byte[] padded(int size, long seed) {
    int payload = Math.max(0, size - 4);
    for (int lengthBytes = 1; lengthBytes <= 5; lengthBytes++) {
      int candidate = Math.max(0, size - 3 - lengthBytes);
      if (varintLength(candidate) == lengthBytes) {
        payload = candidate;
        break;
      }
    }
    byte[] random = new byte[payload];
    new java.util.Random(seed).nextBytes(random);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(payload + 8);
    out.write(0x08); // ir_version
    out.write(8);
    out.write(0x32); // doc_string, length-delimited
    long n = payload;
    while (n >= 0x80) {
      out.write((int) (n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.write((int) n);
    out.writeBytes(random);
    return out.toByteArray();
  }

  private static int varintLength(long n) {
    int length = 1;
    while (n >= 0x80) {
      n >>>= 7;
      length++;
    }
    return length;
  }
}

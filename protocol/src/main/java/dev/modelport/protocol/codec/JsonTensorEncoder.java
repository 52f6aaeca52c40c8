package dev.modelport.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Float16;
import dev.modelport.protocol.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes tensor data as a flat, row-major JSON array with a Jackson {@link JsonGenerator}, straight
 * from the primitive array (no boxing). Unsigned types are written as their unsigned values (UINT64
 * up to 18446744073709551615), FP16 as the number its half bits denote, BYTES as strings decoded
 * from UTF-8 (bytes that are not UTF-8 become U+FFFD: use the binary extension for arbitrary
 * bytes).
 *
 * <p>Non-finite floats have no JSON form; the generator writes them as it is configured to
 * (Jackson's default quotes them: {@code "NaN"}), and {@link JsonTensorDecoder} does not read them
 * back. Stateless and thread-safe.
 */
public final class JsonTensorEncoder {

  private JsonTensorEncoder() {}

  /** Writes {@code tensor}'s data as a flat array value. */
  public static void writeData(JsonGenerator g, Tensor tensor) throws IOException {
    writeData(g, tensor.datatype(), tensor.values());
  }

  /** Writes {@code data} (the primitive array of {@code datatype}) as a flat array value. */
  public static void writeData(JsonGenerator g, DataType datatype, Object data) throws IOException {
    switch (datatype) {
      case BOOL:
        {
          boolean[] a = (boolean[]) data;
          g.writeStartArray(a, a.length);
          for (boolean v : a) {
            g.writeBoolean(v);
          }
          break;
        }
      case INT8:
      case UINT8:
        {
          byte[] a = (byte[]) data;
          boolean unsigned = datatype == DataType.UINT8;
          g.writeStartArray(a, a.length);
          for (byte v : a) {
            g.writeNumber(unsigned ? v & 0xFF : v);
          }
          break;
        }
      case INT16:
      case UINT16:
        {
          short[] a = (short[]) data;
          boolean unsigned = datatype == DataType.UINT16;
          g.writeStartArray(a, a.length);
          for (short v : a) {
            g.writeNumber(unsigned ? v & 0xFFFF : v);
          }
          break;
        }
      case FP16:
        {
          short[] a = (short[]) data;
          g.writeStartArray(a, a.length);
          for (short v : a) {
            g.writeNumber(Float16.toFloat(v));
          }
          break;
        }
      case INT32:
        {
          int[] a = (int[]) data;
          g.writeArray(a, 0, a.length);
          return;
        }
      case UINT32:
        {
          int[] a = (int[]) data;
          g.writeStartArray(a, a.length);
          for (int v : a) {
            g.writeNumber(Integer.toUnsignedLong(v));
          }
          break;
        }
      case INT64:
        {
          long[] a = (long[]) data;
          g.writeArray(a, 0, a.length);
          return;
        }
      case UINT64:
        {
          long[] a = (long[]) data;
          g.writeStartArray(a, a.length);
          for (long v : a) {
            if (v >= 0) {
              g.writeNumber(v);
            } else {
              g.writeNumber(Long.toUnsignedString(v));
            }
          }
          break;
        }
      case FP32:
        {
          float[] a = (float[]) data;
          g.writeStartArray(a, a.length);
          for (float v : a) {
            g.writeNumber(v);
          }
          break;
        }
      case FP64:
        {
          double[] a = (double[]) data;
          g.writeArray(a, 0, a.length);
          return;
        }
      case BYTES:
        {
          byte[][] a = (byte[][]) data;
          g.writeStartArray(a, a.length);
          for (byte[] v : a) {
            g.writeString(new String(v, StandardCharsets.UTF_8));
          }
          break;
        }
      default:
        throw new AssertionError(datatype);
    }
    g.writeEndArray();
  }
}

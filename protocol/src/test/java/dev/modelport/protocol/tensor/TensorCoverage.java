package dev.modelport.protocol.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Coverage checks over generated tensors, so that a generator that narrows fails its tests. */
public final class TensorCoverage {

  private TensorCoverage() {}

  /** Asserts that every datatype occurs at least {@code atLeast} times among the tensors. */
  public static Consumer<List<Tensor>> everyDatatype(int atLeast) {
    return datatypes(EnumSet.allOf(DataType.class), atLeast);
  }

  /**
   * Asserts that each of {@code types} occurs at least {@code atLeast} times among the tensors, and
   * no other datatype occurs.
   */
  public static Consumer<List<Tensor>> datatypes(Set<DataType> types, int atLeast) {
    return tensors -> {
      Map<DataType, Integer> counts = new EnumMap<>(DataType.class);
      for (DataType type : types) {
        counts.put(type, 0);
      }
      tensors.forEach(t -> counts.merge(t.datatype(), 1, Integer::sum));
      assertThat(counts.keySet()).as("datatypes generated").isEqualTo(types);
      counts.forEach(
          (type, n) -> assertThat(n).as("%s tensors", type).isGreaterThanOrEqualTo(atLeast));
    };
  }

  /**
   * Labels for the kinds of shape and value a tensor holds: {@code rank=R}, {@code dim=D}, {@code
   * empty}, and per datatype labels such as {@code FP32:NaN}, {@code FP32:-0}, {@code
   * FP32:subnormal}, {@code INT8:min}, {@code BYTES:utf8-4}, {@code BYTES:not-utf8}.
   */
  public static Set<String> features(Tensor tensor) {
    Set<String> out = new TreeSet<>();
    out.add("rank=" + tensor.shape().length);
    for (long d : tensor.shape()) {
      out.add("dim=" + d);
    }
    if (tensor.elementCount() == 0) {
      out.add("empty");
    }
    String type = tensor.datatype().name() + ":";
    Object data = tensor.values();
    switch (tensor.datatype()) {
      case BOOL:
        for (boolean b : (boolean[]) data) {
          out.add(type + b);
        }
        break;
      case UINT8:
      case INT8:
        for (byte b : (byte[]) data) {
          out.add(type + integer(b, Byte.MIN_VALUE, Byte.MAX_VALUE));
        }
        break;
      case UINT16:
      case INT16:
        for (short s : (short[]) data) {
          out.add(type + integer(s, Short.MIN_VALUE, Short.MAX_VALUE));
        }
        break;
      case UINT32:
      case INT32:
        for (int i : (int[]) data) {
          out.add(type + integer(i, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        break;
      case UINT64:
      case INT64:
        for (long l : (long[]) data) {
          out.add(type + integer(l, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        break;
      case FP16:
        for (short h : (short[]) data) {
          out.add(type + (Float16.isNaN(h) ? "NaN" : real(Float16.toFloat(h), Float16.MAX_VALUE)));
        }
        break;
      case FP32:
        for (float f : (float[]) data) {
          out.add(type + floatLabel(f));
        }
        break;
      case FP64:
        for (double d : (double[]) data) {
          out.add(type + doubleLabel(d));
        }
        break;
      case BYTES:
        for (byte[] element : (byte[][]) data) {
          out.add(type + bytesLabel(element));
        }
        break;
      default:
        throw new AssertionError(tensor.datatype());
    }
    return out;
  }

  private static String integer(long v, long min, long max) {
    if (v == min) {
      return "min";
    }
    if (v == max) {
      return "max";
    }
    if (v >= -1 && v <= 1) {
      return Long.toString(v);
    }
    return Math.abs(v) <= 16 ? "small" : "large";
  }

  private static String floatLabel(float f) {
    if (Float.isNaN(f)) {
      return Float.floatToRawIntBits(f) == Float.floatToIntBits(Float.NaN) ? "NaN" : "NaN-payload";
    }
    return Math.abs(f) < Float.MIN_NORMAL && f != 0 ? "subnormal" : real(f, Float.MAX_VALUE);
  }

  private static String doubleLabel(double d) {
    if (Double.isNaN(d)) {
      return Double.doubleToRawLongBits(d) == Double.doubleToLongBits(Double.NaN)
          ? "NaN"
          : "NaN-payload";
    }
    return Math.abs(d) < Double.MIN_NORMAL && d != 0 ? "subnormal" : real(d, Double.MAX_VALUE);
  }

  /** Infinities, signed zeros, ±max, subnormal halves (below 2^-14) and other finite values. */
  private static String real(double v, double max) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+inf" : "-inf";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) == 0 ? "+0" : "-0";
    }
    if (Math.abs(v) == max) {
      return v > 0 ? "+max" : "-max";
    }
    if (max == Float16.MAX_VALUE && Math.abs(v) < 0x1p-14) {
      return "subnormal";
    }
    return "finite";
  }

  private static String bytesLabel(byte[] element) {
    if (element.length == 0) {
      return "empty";
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(element));
    } catch (CharacterCodingException e) {
      return "not-utf8";
    }
    int longest = 1;
    for (byte b : element) {
      int lead = b & 0xFF;
      longest = Math.max(longest, lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1);
    }
    return "utf8-" + longest;
  }
}

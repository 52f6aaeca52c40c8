package dev.modelport.protocol.codec;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Float16;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tensor's {@code data} array of plain JSON numbers straight from the bytes of the document
 * into the tensor's primitive array, without Jackson's tokens, text buffers or number strings; the
 * fast path of {@link JsonTensorDecoder} for the numeric types other than UINT64.
 *
 * <p>It accepts only what every Jackson configuration reads the same way: standard JSON numbers
 * separated by commas and JSON whitespace, flat ({@code count} values) or nested exactly to the
 * depth and dimensions of the shape, each value valid for the datatype (integers within range for
 * the integer types; finite after rounding for the float types). For anything else (a string, a
 * NaN, a syntax error, a ragged or short array, an integral decimal such as {@code 3.0} for an
 * integer type, a number of more than {@value #MAX_NUMBER_LENGTH} characters) it gives up without
 * moving the parser, and the token-by-token decoder reads the array as before, with its messages.
 *
 * <p>Values are those of the token path: integer tokens are converted from their exact integer
 * value (so {@code -0} is {@code +0.0}), decimals are rounded correctly to the nearest FP32 or FP64
 * value (a fast exact conversion where one exists, else {@link Float#parseFloat}/{@link
 * Double#parseDouble}), and FP16 is the FP32 value rounded to half precision. Stateless.
 */
final class JsonNumberArrayReader {

  /** Longer numbers are left to Jackson, which enforces its own number length limit. */
  static final int MAX_NUMBER_LENGTH = 100;

  /** Digits kept in the long mantissa; 10^18 &lt; 2^63. */
  private static final int MAX_DIGITS = 18;

  private static final long EXACT_DOUBLE = 1L << 53;

  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private JsonNumberArrayReader() {}

  /** True if {@code type} has a fast path. */
  static boolean supports(DataType type) {
    return type != DataType.BOOL && type != DataType.BYTES && type != DataType.UINT64;
  }

  /**
   * Reads the array whose {@code START_ARRAY} is the parser's current token, {@code count} values
   * of {@code type} for {@code shape}, and moves the parser onto its closing bracket (the next
   * token is then its {@code END_ARRAY}); or returns null, leaving the parser where it was.
   */
  static Object tryRead(ByteArrayJsonParser parser, DataType type, long[] shape, int count) {
    if (count == 0 || !supports(type) || shape.length > 32) {
      return null;
    }
    Cursor c = new Cursor(parser.buffer(), parser.position(), parser.end(), type, count);
    if (!c.readData(shape)) {
      return null;
    }
    parser.skipTo(c.pos, c.newlines, c.lineStart);
    return c.array;
  }

  /** One pass over one array. */
  private static final class Cursor {
    final byte[] b;
    final int end;
    final DataType type;
    final int count;
    final Object array;
    int pos;
    int index;
    int newlines;
    int lineStart;

    private final float[] floats;
    private final double[] doubles;
    private final short[] shorts;
    private final byte[] bytes;
    private final int[] ints;
    private final long[] longs;

    Cursor(byte[] b, int pos, int end, DataType type, int count) {
      this.b = b;
      this.pos = pos;
      this.end = end;
      this.type = type;
      this.count = count;
      floats = type == DataType.FP32 ? new float[count] : null;
      doubles = type == DataType.FP64 ? new double[count] : null;
      shorts =
          type == DataType.FP16 || type == DataType.INT16 || type == DataType.UINT16
              ? new short[count]
              : null;
      bytes = type == DataType.INT8 || type == DataType.UINT8 ? new byte[count] : null;
      ints = type == DataType.INT32 || type == DataType.UINT32 ? new int[count] : null;
      longs = type == DataType.INT64 ? new long[count] : null;
      Object a = floats;
      a = a != null ? a : doubles;
      a = a != null ? a : shorts;
      a = a != null ? a : bytes;
      a = a != null ? a : ints;
      array = a != null ? a : longs;
    }

    /** The data array after its opening bracket; on success {@code pos} is its closing one. */
    boolean readData(long[] shape) {
      skipWhitespace();
      if (pos < end && b[pos] == '[') {
        return shape.length > 1 && readLevel(shape, 0) && index == count;
      }
      return readValues(count) && index == count;
    }

    /**
     * The elements of a nested array at {@code level}, from just after its opening bracket; on
     * success {@code pos} is its closing bracket.
     */
    private boolean readLevel(long[] shape, int level) {
      long dim = shape[level];
      skipWhitespace();
      if (level == shape.length - 1) {
        return dim <= Integer.MAX_VALUE && readValues((int) dim);
      }
      for (long i = 0; i < dim; i++) {
        if (pos >= end || b[pos] != '[') {
          return false;
        }
        pos++;
        if (!readLevel(shape, level + 1)) {
          return false;
        }
        pos++; // its ']'
        skipWhitespace();
        if (!separator(i == dim - 1)) {
          return false;
        }
      }
      return true;
    }

    /**
     * {@code n} numbers from {@code pos} (whitespace skipped) and the closing bracket, where {@code
     * pos} is left.
     */
    private boolean readValues(int n) {
      if ((long) index + n > count) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (!readNumber()) {
          return false;
        }
        skipWhitespace();
        if (!separator(i == n - 1)) {
          return false;
        }
      }
      return true;
    }

    /**
     * After an element: a comma (then whitespace) when more follow, the closing bracket (where
     * {@code pos} stays) after the last.
     */
    private boolean separator(boolean last) {
      if (pos >= end) {
        return false;
      }
      byte c = b[pos];
      if (last) {
        return c == ']';
      }
      if (c != ',') {
        return false;
      }
      pos++;
      skipWhitespace();
      return true;
    }

    private void skipWhitespace() {
      while (pos < end) {
        byte c = b[pos];
        if (c == ' ' || c == '\t') {
          pos++;
        } else if (c == '\n') {
          pos++;
          newlines++;
          lineStart = pos;
        } else if (c == '\r') {
          pos++;
          if (pos < end && b[pos] == '\n') {
            pos++;
          }
          newlines++;
          lineStart = pos;
        } else {
          return;
        }
      }
    }

    /** One JSON number at {@code pos}, stored at {@code index}; false if it is not one. */
    private boolean readNumber() {
      final int start = pos;
      int p = pos;
      boolean negative = false;
      if (p < end && b[p] == '-') {
        negative = true;
        p++;
      }
      if (p >= end) {
        return false;
      }
      long mantissa = 0;
      int digits = 0; // significant digits in mantissa
      int exponent = 0;
      boolean dropped = false; // a significant digit did not fit
      int c = b[p];
      if (c == '0') {
        p++;
        if (p < end && isDigit(b[p])) {
          return false; // leading zero
        }
      } else if (c >= '1' && c <= '9') {
        while (p < end && isDigit(c = b[p])) {
          if (digits < MAX_DIGITS) {
            mantissa = mantissa * 10 + (c - '0');
            digits++;
          } else {
            exponent++;
            dropped = true;
          }
          p++;
        }
      } else {
        return false;
      }
      boolean integral = true;
      if (p < end && b[p] == '.') {
        integral = false;
        p++;
        if (p >= end || !isDigit(b[p])) {
          return false;
        }
        while (p < end && isDigit(c = b[p])) {
          if (digits == 0 && c == '0') {
            exponent--; // leading zero of the fraction
          } else if (digits < MAX_DIGITS) {
            mantissa = mantissa * 10 + (c - '0');
            digits++;
            exponent--;
          } else {
            dropped |= c != '0';
          }
          p++;
        }
      }
      if (p < end && (b[p] == 'e' || b[p] == 'E')) {
        integral = false;
        p++;
        boolean negativeExponent = false;
        if (p < end && (b[p] == '+' || b[p] == '-')) {
          negativeExponent = b[p] == '-';
          p++;
        }
        if (p >= end || !isDigit(b[p])) {
          return false;
        }
        int e = 0;
        while (p < end && isDigit(c = b[p])) {
          if (e < 100_000) {
            e = e * 10 + (c - '0');
          }
          p++;
        }
        exponent += negativeExponent ? -e : e;
      }
      if (p - start > MAX_NUMBER_LENGTH) {
        return false;
      }
      pos = p;
      if (integral) {
        // Integer tokens: the exact value, as Jackson's int and long conversions (-0 is 0).
        return !dropped && storeInteger(negative ? -mantissa : mantissa);
      }
      return storeDecimal(start, p, negative, mantissa, exponent, dropped);
    }

    private boolean storeInteger(long v) {
      int i = index++;
      switch (type) {
        case FP32:
          floats[i] = v;
          return true;
        case FP64:
          doubles[i] = v;
          return true;
        case FP16:
          return storeHalf(i, v);
        case INT8:
          bytes[i] = (byte) v;
          return v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
        case UINT8:
          bytes[i] = (byte) v;
          return v >= 0 && v <= 0xFF;
        case INT16:
          shorts[i] = (short) v;
          return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
        case UINT16:
          shorts[i] = (short) v;
          return v >= 0 && v <= 0xFFFF;
        case INT32:
          ints[i] = (int) v;
          return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
        case UINT32:
          ints[i] = (int) v;
          return v >= 0 && v <= 0xFFFF_FFFFL;
        case INT64:
          longs[i] = v;
          return true;
        default:
          return false;
      }
    }

    private boolean storeDecimal(
        int start, int stop, boolean negative, long mantissa, int exponent, boolean dropped) {
      int i = index++;
      switch (type) {
        case FP32:
          {
            float f = toFloat(start, stop, negative, mantissa, exponent, dropped);
            floats[i] = f;
            return !Float.isInfinite(f);
          }
        case FP16:
          {
            float f = toFloat(start, stop, negative, mantissa, exponent, dropped);
            return !Float.isInfinite(f) && storeHalf(i, f);
          }
        case FP64:
          {
            double d;
            if (mantissa == 0) {
              d = negative ? -0.0 : 0.0;
            } else if (!dropped && mantissa < EXACT_DOUBLE && exponent >= -22 && exponent <= 22) {
              // Both operands exact: one correctly rounded operation (Clinger's fast path).
              d =
                  exponent < 0
                      ? mantissa / POWERS_OF_TEN[-exponent]
                      : mantissa * POWERS_OF_TEN[exponent];
              d = negative ? -d : d;
            } else {
              d = Double.parseDouble(ascii(start, stop));
            }
            doubles[i] = d;
            return !Double.isInfinite(d);
          }
        default:
          return false; // integral decimals (3.0) for integer types: the token path decides
      }
    }

    private boolean storeHalf(int i, float f) {
      short h = Float16.fromFloat(f);
      shorts[i] = h;
      return !Float16.isNonFinite(h);
    }

    /**
     * The decimal rounded to the nearest float. A double {@code d} within {@code e} of the exact
     * value x rounds to the same float as x unless a float midpoint lies within {@code e} of d; the
     * fast paths check that, else the JDK's conversion decides.
     */
    private float toFloat(
        int start, int stop, boolean negative, long mantissa, int exponent, boolean dropped) {
      if (mantissa == 0) {
        return negative ? -0.0f : 0.0f;
      }
      if (!dropped && exponent >= -22 && exponent <= 22) {
        double d =
            exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
        // Exact operands give d = x rounded once (error at most half an ulp: only an exact
        // midpoint is ambiguous); a mantissa above 2^53 was rounded first (within 4 ulps, with
        // room).
        int margin = mantissa < EXACT_DOUBLE ? 0 : 4;
        if (d >= Float.MIN_NORMAL && d <= Float.MAX_VALUE) {
          long bits = Double.doubleToRawLongBits(d);
          int belowFloat = (int) (bits & 0x1FFF_FFFFL); // the 29 bits a float drops
          if (Math.abs(belowFloat - 0x1000_0000) > margin) {
            float f = (float) d;
            return negative ? -f : f;
          }
        }
      }
      return Float.parseFloat(ascii(start, stop));
    }

    private String ascii(int start, int stop) {
      return new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
    }

    private static boolean isDigit(int c) {
      return c >= '0' && c <= '9';
    }
  }
}

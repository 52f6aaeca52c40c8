package dev.modelport.protocol.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Float16;
import dev.modelport.protocol.tensor.Shapes;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the {@code data} member of a V2 JSON tensor straight from a Jackson {@link JsonParser}
 * into the tensor's primitive array: no boxed lists, one pass, one allocation of the final array
 * (sized from the declared shape after {@link TensorLimits} has accepted it).
 *
 * <p>Accepted forms: a flat row-major array of exactly {@code product(shape)} values, or arrays
 * nested to the depth of the shape with every level as long as its dimension. Each value is checked
 * against the datatype: BOOL takes {@code true}/{@code false}; integer types take integral numbers
 * within range ({@code 1.0} counts as integral, {@code 1.5} does not; UINT64 up to 2^64-1, held as
 * the bits of a long); FP16, FP32 and FP64 take numbers that fit the type (FP16 rounds to nearest
 * even); BYTES takes strings (stored as their UTF-8 bytes). JSON has no NaN or Infinity, and they
 * are refused even from a parser that allows them.
 *
 * <p>When the parser comes from {@link TensorJsonFactory} over a byte array, arrays of plain
 * numbers are read straight from the bytes ({@link JsonNumberArrayReader}); everything else, and
 * every array that reader declines, is read token by token, so results and messages do not depend
 * on the parser.
 *
 * <p>Stateless apart from its configuration: one instance may be shared by all threads. Failures
 * are {@link TensorFormatException}s naming the tensor and the element ({@code data[1][2]}); I/O
 * failures of the underlying source are {@link IOException}s.
 */
public final class JsonTensorDecoder {

  private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("Non-standard token '([^']*)'");
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final TensorRole role;
  private final TensorLimits limits;

  public JsonTensorDecoder(TensorRole role, TensorLimits limits) {
    this.role = role;
    this.limits = limits;
  }

  /**
   * Reads the data array at the parser's current token ({@code START_ARRAY}) and returns the
   * tensor; on return the current token is the array's {@code END_ARRAY}.
   */
  public Tensor decode(JsonParser parser, String name, DataType datatype, long[] shape)
      throws IOException {
    int count = limits.checkedElementCount(role, name, shape);
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new TensorFormatException(
          role, name, "data must be a JSON array, got " + describe(parser, parser.currentToken()));
    }
    if (parser instanceof ByteArrayJsonParser bytes) {
      Object data = JsonNumberArrayReader.tryRead(bytes, datatype, shape, count);
      if (data != null) {
        parser.nextToken(); // the END_ARRAY the reader stopped on
        return new Tensor(name, datatype, shape.clone(), data);
      }
    }
    DataReader reader = new DataReader(parser, name, datatype, shape, count);
    try {
      reader.read();
    } catch (JsonParseException e) {
      throw reader.syntaxError(e);
    }
    return new Tensor(name, datatype, shape.clone(), reader.array);
  }

  /** Reads one data array; the per-type arrays avoid a cast per element. */
  private final class DataReader {
    private final JsonParser p;
    private final String name;
    private final DataType type;
    private final long[] shape;
    private final int count;
    private final Object array;
    private final int[] path;
    private int level;

    private boolean[] bools;
    private byte[] bytes;
    private short[] shorts;
    private int[] ints;
    private long[] longs;
    private float[] floats;
    private double[] doubles;
    private byte[][] strings;

    DataReader(JsonParser p, String name, DataType type, long[] shape, int count) {
      this.p = p;
      this.name = name;
      this.type = type;
      this.shape = shape;
      this.count = count;
      this.path = new int[Math.max(1, shape.length)];
      this.array = allocate(type, count);
    }

    private Object allocate(DataType type, int n) {
      switch (type) {
        case BOOL:
          return bools = new boolean[n];
        case UINT8:
        case INT8:
          return bytes = new byte[n];
        case UINT16:
        case INT16:
        case FP16:
          return shorts = new short[n];
        case UINT32:
        case INT32:
          return ints = new int[n];
        case UINT64:
        case INT64:
          return longs = new long[n];
        case FP32:
          return floats = new float[n];
        case FP64:
          return doubles = new double[n];
        case BYTES:
          return strings = new byte[n][];
        default:
          throw new AssertionError(type);
      }
    }

    void read() throws IOException {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_ARRAY) {
        readNested(first);
      } else {
        readFlat(first);
      }
    }

    private void readFlat(JsonToken first) throws IOException {
      int i = 0;
      for (JsonToken t = first; t != JsonToken.END_ARRAY; t = next(i)) {
        if (t == null) {
          throw fail("data", "ends before its array closes");
        }
        if (t == JsonToken.START_ARRAY) {
          throw fail(
              location(),
              "is an array inside flat data; nest every value to the depth of shape "
                  + Shapes.format(shape)
                  + " or none");
        }
        if (i < count) {
          readValue(t, i);
        } else {
          p.skipChildren();
        }
        i++;
      }
      if (i != count) {
        throw new TensorFormatException(
            role,
            name,
            "expected " + count + " values for shape " + Shapes.format(shape) + ", got " + i);
      }
    }

    private void readNested(JsonToken first) throws IOException {
      if (shape.length == 0) {
        throw fail(location(), "nested data is deeper than shape [], a scalar");
      }
      level = 0;
      readLevel(first);
    }

    /** Reads the array at {@link #level}; {@code first} is its first token, already read. */
    private void readLevel(JsonToken first) throws IOException {
      boolean leaf = level == shape.length - 1;
      long dim = shape[level];
      int i = 0;
      for (JsonToken t = first; t != JsonToken.END_ARRAY; t = next(i)) {
        if (t == null) {
          throw fail("data", "ends before its array closes");
        }
        if (i >= dim) {
          throw ragged(i + 1 + skipRest(t));
        }
        if (leaf) {
          if (t == JsonToken.START_ARRAY) {
            throw fail(
                location(),
                "nested data is deeper than the "
                    + shape.length
                    + " dimensions of shape "
                    + Shapes.format(shape));
          }
          readValue(t, flatIndex());
        } else {
          if (t == JsonToken.START_ARRAY) {
            level++;
            path[level] = 0;
            readLevel(p.nextToken());
            level--;
          } else if (t == JsonToken.START_OBJECT) {
            throw fail(location(), "expected an array, got an object");
          } else {
            throw fail(
                location(),
                "nested data has depth "
                    + (level + 1)
                    + " but shape "
                    + Shapes.format(shape)
                    + " has "
                    + shape.length
                    + " dimensions");
          }
        }
        i++;
      }
      if (i != dim) {
        throw ragged(i);
      }
    }

    /** Reads the token of element {@code i} at the current level, recording where we are. */
    private JsonToken next(int i) throws IOException {
      path[level] = i;
      return p.nextToken();
    }

    private int skipRest(JsonToken current) throws IOException {
      p.skipChildren();
      int more = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
        p.skipChildren();
        more++;
      }
      return more;
    }

    private TensorFormatException ragged(int actual) {
      String where = level == 0 ? "data" : arrayLocation(level);
      return new TensorFormatException(
          role,
          name,
          "nested data is ragged: "
              + where
              + " has "
              + actual
              + " elements, expected "
              + shape[level]
              + " for shape "
              + Shapes.format(shape));
    }

    private int flatIndex() {
      long index = 0;
      for (int k = 0; k < shape.length; k++) {
        index = index * shape[k] + path[k];
      }
      return (int) index;
    }

    private void readValue(JsonToken t, int i) throws IOException {
      switch (type) {
        case BOOL:
          if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            bools[i] = t == JsonToken.VALUE_TRUE;
            return;
          }
          throw fail(location(), "expected true or false, got " + describe(p, t));
        case INT8:
          bytes[i] = (byte) integer(t, -128, 127);
          return;
        case UINT8:
          bytes[i] = (byte) integer(t, 0, 255);
          return;
        case INT16:
          shorts[i] = (short) integer(t, Short.MIN_VALUE, Short.MAX_VALUE);
          return;
        case UINT16:
          shorts[i] = (short) integer(t, 0, 65535);
          return;
        case INT32:
          ints[i] = (int) integer(t, Integer.MIN_VALUE, Integer.MAX_VALUE);
          return;
        case UINT32:
          ints[i] = (int) integer(t, 0, 0xFFFF_FFFFL);
          return;
        case INT64:
          longs[i] = integer(t, Long.MIN_VALUE, Long.MAX_VALUE);
          return;
        case UINT64:
          longs[i] = unsigned64(t);
          return;
        case FP16:
          shorts[i] = half(t);
          return;
        case FP32:
          floats[i] = fp32(t);
          return;
        case FP64:
          doubles[i] = fp64(t);
          return;
        case BYTES:
          if (t == JsonToken.VALUE_STRING) {
            strings[i] = p.getText().getBytes(StandardCharsets.UTF_8);
            return;
          }
          throw fail(location(), "expected a string, got " + describe(p, t));
        default:
          throw new AssertionError(type);
      }
    }

    /** An integral value in [min, max]; integral decimals such as 3.0 are accepted. */
    private long integer(JsonToken t, long min, long max) throws IOException {
      if (t == JsonToken.VALUE_NUMBER_INT) {
        JsonParser.NumberType nt = p.getNumberType();
        if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
          long v = p.getLongValue();
          if (v >= min && v <= max) {
            return v;
          }
        }
        throw outOfRange(min, max);
      }
      BigInteger v = integralDecimal(t);
      if (v.bitLength() < 64 && v.longValue() >= min && v.longValue() <= max) {
        return v.longValue();
      }
      throw outOfRange(min, max);
    }

    private long unsigned64(JsonToken t) throws IOException {
      BigInteger v;
      if (t == JsonToken.VALUE_NUMBER_INT) {
        JsonParser.NumberType nt = p.getNumberType();
        if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
          long l = p.getLongValue();
          if (l >= 0) {
            return l;
          }
          throw outOfRangeUint64();
        }
        v = p.getBigIntegerValue();
      } else {
        v = integralDecimal(t);
      }
      if (v.signum() < 0 || v.compareTo(UINT64_MAX) > 0) {
        throw outOfRangeUint64();
      }
      return v.longValue();
    }

    private BigInteger integralDecimal(JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw fail(location(), "expected an integer, got " + describe(p, t));
      }
      rejectNaN();
      BigDecimal d = p.getDecimalValue();
      if (d.signum() == 0) {
        return BigInteger.ZERO;
      }
      if (d.precision() - d.scale() > 40) {
        // Far beyond any integer type; do not expand 1e999999999 into digits.
        throw fail(location(), p.getText() + " is out of range for " + type);
      }
      try {
        return d.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw fail(location(), "expected an integer, got " + describe(p, t));
      }
    }

    private short half(JsonToken t) throws IOException {
      float f = fp32(t);
      short h = Float16.fromFloat(f);
      if (Float16.isNonFinite(h)) {
        throw fail(
            location(),
            p.getText() + " is out of range for FP16 (largest finite value " + "65504)");
      }
      return h;
    }

    private float fp32(JsonToken t) throws IOException {
      requireNumber(t);
      float f = p.getFloatValue();
      if (Float.isInfinite(f)) {
        throw fail(location(), p.getText() + " is out of range for " + type);
      }
      return f;
    }

    private double fp64(JsonToken t) throws IOException {
      requireNumber(t);
      double d = p.getDoubleValue();
      if (Double.isInfinite(d)) {
        throw fail(location(), p.getText() + " is out of range for FP64");
      }
      return d;
    }

    private void requireNumber(JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw fail(location(), "expected a number, got " + describe(p, t));
      }
      rejectNaN();
    }

    /** Only reached when the parser was configured to allow NaN and Infinity literals. */
    private void rejectNaN() throws IOException {
      if (p.isNaN()) {
        throw nonFinite(p.getText());
      }
    }

    private TensorFormatException nonFinite(String literal) {
      return fail(location(), literal + " is not a valid JSON number; JSON has no NaN or Infinity");
    }

    private TensorFormatException outOfRange(long min, long max) throws IOException {
      return fail(
          location(), p.getText() + " is out of range for " + type + " [" + min + ", " + max + "]");
    }

    private TensorFormatException outOfRangeUint64() throws IOException {
      return fail(location(), p.getText() + " is out of range for UINT64 [0, " + UINT64_MAX + "]");
    }

    TensorFormatException syntaxError(JsonParseException e) {
      String original = e.getOriginalMessage();
      Matcher m = NON_STANDARD_TOKEN.matcher(original == null ? "" : original);
      if (m.find()) {
        return nonFinite(m.group(1));
      }
      return TensorFormatException.withCause(
          role, name, "malformed JSON at " + location() + ": " + original, e);
    }

    private String location() {
      return arrayLocation(level + 1);
    }

    private String arrayLocation(int depth) {
      StringBuilder sb = new StringBuilder("data");
      for (int k = 0; k < depth; k++) {
        sb.append('[').append(path[k]).append(']');
      }
      return sb.toString();
    }

    private TensorFormatException fail(String where, String problem) {
      return new TensorFormatException(role, name, where + ": " + problem);
    }
  }

  /** A short description of the current JSON value for messages: {@code string "abc"}. */
  static String describe(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      return "end of input";
    }
    switch (t) {
      case VALUE_STRING:
        String s = p.getText();
        return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "number " + p.getText();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "boolean " + p.getText();
      case VALUE_NULL:
        return "null";
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      default:
        return t.asString() == null ? t.name() : t.asString();
    }
  }
}

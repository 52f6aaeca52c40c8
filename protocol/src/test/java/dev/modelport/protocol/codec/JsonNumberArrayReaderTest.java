package dev.modelport.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.protocol.rest.InferenceJson;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Float16;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import dev.modelport.protocol.testing.GeneratedCases;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The byte-level fast path of {@link JsonTensorDecoder} ({@link JsonNumberArrayReader} over a
 * {@link TensorJsonFactory} parser) against the token path of a plain Jackson parser, which reads
 * the same text with {@link Float#parseFloat}: the same tensor, or the same message, for every
 * input; and the fast path is taken for the plain forms clients send.
 */
class JsonNumberArrayReaderTest {

  /** The token path: Jackson's own UTF-8 parser of a plain factory, as before the fast path. */
  private static final JsonFactory TOKENS = new JsonFactory();

  private static final JsonFactory BYTES = InferenceJson.newMapper().getFactory();

  private static final JsonTensorDecoder DECODER =
      new JsonTensorDecoder(TensorRole.INPUT, TensorLimits.DEFAULT);

  /** The tensor or the exception message of one path, and whether the fast reader took it. */
  private record Outcome(Tensor tensor, String error) {}

  private static Outcome tokenPath(String data, DataType type, long[] shape) throws IOException {
    try (JsonParser p = TOKENS.createParser(wrap(data).getBytes(StandardCharsets.UTF_8))) {
      assertThat(p).isNotInstanceOf(ByteArrayJsonParser.class);
      return decodeField(p, type, shape);
    }
  }

  private static Outcome bytePath(String data, DataType type, long[] shape) throws IOException {
    try (JsonParser p = BYTES.createParser(wrap(data).getBytes(StandardCharsets.UTF_8))) {
      assertThat(p).isInstanceOf(ByteArrayJsonParser.class);
      return decodeField(p, type, shape);
    }
  }

  /** The data inside an object, so that the parser must carry on correctly after the array. */
  private static String wrap(String data) {
    return "{\"data\": " + data + ", \"after\": [1, {\"x\": \"]\"}]}";
  }

  private static Outcome decodeField(JsonParser p, DataType type, long[] shape) throws IOException {
    assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
    assertThat(p.nextFieldName()).isEqualTo("data");
    p.nextToken();
    Tensor tensor;
    try {
      tensor = DECODER.decode(p, "input", type, shape);
    } catch (RuntimeException e) {
      return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
    assertThat(p.nextFieldName()).isEqualTo("after");
    assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
    p.skipChildren();
    assertThat(p.nextToken()).isEqualTo(JsonToken.END_OBJECT);
    assertThat(p.nextToken()).isNull();
    return new Outcome(tensor, null);
  }

  /** Both paths agree; returns whether the fast reader accepted the array. */
  private static boolean assertSamePaths(String data, DataType type, long... shape)
      throws IOException {
    Outcome expected = tokenPath(data, type, shape);
    Outcome actual = bytePath(data, type, shape);
    assertThat(actual.error()).as("error for %s %s", type, data).isEqualTo(expected.error());
    if (expected.tensor() != null) {
      assertThat(bitsOf(actual.tensor()))
          .as("values for %s %s", type, data)
          .isEqualTo(bitsOf(expected.tensor()));
      assertThat(actual.tensor()).isEqualTo(expected.tensor());
    }
    return fastReaderTakes(data, type, shape);
  }

  /** Float data as their bits, so that -0.0 and 0.0 differ. */
  private static Object bitsOf(Tensor t) {
    if (t.values() instanceof float[] f) {
      int[] bits = new int[f.length];
      for (int i = 0; i < f.length; i++) {
        bits[i] = Float.floatToRawIntBits(f[i]);
      }
      return bits;
    }
    if (t.values() instanceof double[] d) {
      return Arrays.stream(d).mapToLong(Double::doubleToRawLongBits).toArray();
    }
    return t.values();
  }

  private static boolean fastReaderTakes(String data, DataType type, long[] shape)
      throws IOException {
    try (JsonParser p = BYTES.createParser(data.getBytes(StandardCharsets.UTF_8))) {
      if (!(p instanceof ByteArrayJsonParser bytes)) {
        return false;
      }
      p.nextToken();
      int count;
      try {
        count = TensorLimits.DEFAULT.checkedElementCount(TensorRole.INPUT, "input", shape);
      } catch (RuntimeException e) {
        return false;
      }
      return JsonNumberArrayReader.tryRead(bytes, type, shape, count) != null;
    }
  }

  @Test
  void takesTheFormsClientsWrite() throws IOException {
    assertThat(assertSamePaths("[0.5, -1.25, 3e2, 1E-3, 7]", DataType.FP32, 5)).isTrue();
    assertThat(assertSamePaths("[[1,2,3],[4,5,6]]", DataType.FP32, 2, 3)).isTrue();
    assertThat(assertSamePaths("[1, 2, 3, 4, 5, 6]", DataType.FP32, 1, 2, 3)).isTrue();
    assertThat(assertSamePaths("[ [ [1 ,\n2] ],\r\n\t[ [3, 4 ] ] ]", DataType.FP64, 2, 1, 2))
        .isTrue();
    assertThat(assertSamePaths("[-128, 127, 0, -0]", DataType.INT8, 4)).isTrue();
    assertThat(assertSamePaths("[0, 255]", DataType.UINT8, 2)).isTrue();
    assertThat(assertSamePaths("[-32768, 32767]", DataType.INT16, 2)).isTrue();
    assertThat(assertSamePaths("[0, 65535]", DataType.UINT16, 2)).isTrue();
    assertThat(assertSamePaths("[-2147483648, 2147483647]", DataType.INT32, 2)).isTrue();
    assertThat(assertSamePaths("[0, 4294967295]", DataType.UINT32, 2)).isTrue();
    assertThat(assertSamePaths("[-999999999999999999, 999999999999999999]", DataType.INT64, 2))
        .isTrue();
    assertThat(assertSamePaths("[0.1, 65504, -2.5e-3]", DataType.FP16, 3)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[1, 2]|FP32|3", // short
        "[1, 2, 3, 4]|FP32|3", // long
        "[[1, 2], [3]]|FP32|2,2", // ragged
        "[[1, 2], [3, 4], [5, 6]]|FP32|2,2", // too many rows
        "[[1, 2, 3]]|FP32|3", // deeper than the shape
        "[[[1]]]|FP32|1,1", // deeper than the shape
        "[1, [2]]|FP32|2", // array inside flat data
        "[1, \"2\"]|FP32|2",
        "[1, null]|FP32|2",
        "[1, true]|FP32|2",
        "[1, NaN]|FP32|2",
        "[1, -Infinity]|FP32|2",
        "[1, 3.5e38]|FP32|2", // out of range for FP32
        "[1, 1e309]|FP64|2",
        "[1, 65520]|FP16|2", // out of range for FP16
        "[01]|FP32|1",
        "[+1]|FP32|1",
        "[.5]|FP32|1",
        "[1.]|FP32|1",
        "[1e]|FP32|1",
        "[1.5x]|FP32|1",
        "[1 2]|FP32|2",
        "[1,, 2]|FP32|2",
        "[1, 2,]|FP32|2",
        "[1, 2|FP32|2",
        "[1, 2}|FP32|2",
        "[128]|INT8|1",
        "[-1]|UINT8|1",
        "[65536]|UINT16|1",
        "[2147483648]|INT32|1",
        "[4294967296]|UINT32|1",
        "[3.0]|INT32|1", // integral decimal: the token path accepts it
        "[1.5]|INT32|1",
        "[9223372036854775807]|INT64|1", // 19 digits: the token path reads it
        "[18446744073709551615]|UINT64|1",
        "[true, false]|BOOL|2",
        "[\"a\"]|BYTES|1",
        "[]|FP32|0",
        "[1]|FP32|", // a scalar
        "[[1]]|FP32|",
      })
  void declinesAndLeavesTheTokenPathTheSameAnswer(String data, DataType type, String dims)
      throws IOException {
    long[] shape =
        dims == null
            ? new long[0]
            : Arrays.stream(dims.split(",")).mapToLong(Long::parseLong).toArray();
    assertThat(assertSamePaths(data, type, shape)).isFalse();
  }

  @Test
  void integerTokensKeepTheirExactValue() throws IOException {
    // -0 is the integer 0 (+0.0); 16777217 rounds to even in FP32; decimals keep their sign.
    assertThat(assertSamePaths("[-0, -0.0, 0.0, 16777217, -16777219]", DataType.FP32, 5)).isTrue();
    assertThat(assertSamePaths("[-0, -0.0, 9007199254740993]", DataType.FP64, 3)).isTrue();
  }

  @Test
  void roundsExactFloatMidpointsAndTheirNeighboursLikeTheJdk() throws IOException {
    StringBuilder data = new StringBuilder("[");
    int n = 0;
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 2000; i++) {
      float f = Float.intBitsToFloat(random.nextInt(0x0080_0000, 0x7F00_0000));
      BigDecimal low = new BigDecimal(f);
      BigDecimal high = new BigDecimal(Math.nextUp(f));
      BigDecimal midpoint = low.add(high).divide(BigDecimal.valueOf(2));
      BigDecimal nudge = midpoint.ulp().movePointLeft(1);
      for (BigDecimal v :
          new BigDecimal[] {
            midpoint,
            midpoint.add(nudge),
            midpoint.subtract(nudge),
            midpoint.round(new java.math.MathContext(17))
          }) {
        if (v.toString().length() < JsonNumberArrayReader.MAX_NUMBER_LENGTH) {
          data.append(n++ == 0 ? "" : ",").append(v.toString());
        }
      }
    }
    data.append(']');
    assertSamePaths(data.toString(), DataType.FP32, n);
    assertSamePaths(data.toString(), DataType.FP64, n);
  }

  @TestFactory
  Stream<DynamicTest> agreesWithTheTokenPathOnGeneratedNumbers() {
    return GeneratedCases.generate(
            "fast JSON numbers = token path", 300, JsonNumberArrayReaderTest::numbers)
        .check(
            c -> {
              for (DataType type : DataType.values()) {
                assertSamePaths(c, type, c.isEmpty() ? 0 : c.split(",").length);
              }
            });
  }

  /** A flat array of numbers in the many ways clients and edge cases write them. */
  private static String numbers(SplittableRandom r) {
    int n = r.nextInt(1, 40);
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(r.nextBoolean() ? "," : " ,\n ");
      }
      sb.append(number(r));
    }
    return sb.append(']').toString();
  }

  private static String number(SplittableRandom r) {
    switch (r.nextInt(10)) {
      case 0:
        return Float.toString((float) r.nextDouble(-1, 1));
      case 1:
        return Double.toString((double) (float) r.nextDouble(-1e6, 1e6));
      case 2:
        return Double.toString(r.nextDouble(-1, 1));
      case 3:
        return Long.toString(r.nextLong(-300, 300));
      case 4:
        return Long.toString(r.nextLong() >> r.nextInt(64));
      case 5:
        return Float.toString(Float.intBitsToFloat(r.nextInt())).replace("Infinity", "1e39");
      case 6:
        return Double.toString(Double.longBitsToDouble(r.nextLong()))
            .replace("Infinity", "1e400")
            .replace("NaN", "0");
      case 7:
        return String.format("%.4f", r.nextDouble(-255, 255));
      case 8:
        return r.nextInt(1, 99999) + "e" + r.nextInt(-50, 50);
      default:
        return String.valueOf(Float16.toFloat((short) r.nextInt(0x7C00)));
    }
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void readsALargeFlatArrayOfEveryTypeInOnePass(DataType type) throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    StringBuilder sb = new StringBuilder("[");
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",");
      switch (type) {
        case BOOL -> sb.append(random.nextBoolean());
        case BYTES -> sb.append('"').append(i).append('"');
        case FP32, FP16 -> sb.append((float) random.nextDouble(-100, 100));
        case FP64 -> sb.append(random.nextDouble(-100, 100));
        default -> sb.append(random.nextInt(0, 127));
      }
    }
    boolean fast = assertSamePaths(sb.append(']').toString(), type, 10, n / 10);
    assertThat(fast).isEqualTo(JsonNumberArrayReader.supports(type));
  }
}

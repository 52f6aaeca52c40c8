package dev.modelport.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTensorDecoderTest {

  private static final JsonFactory JSON = new JsonFactory();

  private Tensor decode(String json, DataType type, long... shape) throws IOException {
    return decode(
        JSON, new JsonTensorDecoder(TensorRole.INPUT, TensorLimits.DEFAULT), json, type, shape);
  }

  private static Tensor decode(
      JsonFactory factory, JsonTensorDecoder decoder, String json, DataType type, long... shape)
      throws IOException {
    try (JsonParser p = factory.createParser(json)) {
      p.nextToken();
      Tensor t = decoder.decode(p, "input", type, shape);
      assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
      return t;
    }
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      String json, DataType type, long... shape) {
    return assertThatThrownBy(() -> decode(json, type, shape))
        .isInstanceOf(TensorFormatException.class);
  }

  @Test
  void decodesFlatAndNestedDataIntoTheSameArray() throws IOException {
    Tensor flat = decode("[1, 2, 3, 4, 5, 6]", DataType.FP32, 2, 3);
    Tensor nested = decode("[[1, 2, 3], [4, 5, 6]]", DataType.FP32, 2, 3);
    assertThat((float[]) flat.values()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(nested).isEqualTo(flat);
  }

  @Test
  void decodesExtremeValuesOfEachIntegerType() throws IOException {
    assertThat((byte[]) decode("[-128, 127]", DataType.INT8, 2).values())
        .containsExactly(-128, 127);
    assertThat((byte[]) decode("[0, 255]", DataType.UINT8, 2).values()).containsExactly(0, -1);
    assertThat((short[]) decode("[65535]", DataType.UINT16, 1).values())
        .containsExactly((short) -1);
    assertThat((int[]) decode("[4294967295]", DataType.UINT32, 1).values()).containsExactly(-1);
    assertThat(
            (long[])
                decode("[-9223372036854775808, 9223372036854775807]", DataType.INT64, 2).values())
        .containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(
            (long[])
                decode("[18446744073709551615, 9223372036854775808]", DataType.UINT64, 2).values())
        .containsExactly(-1L, Long.MIN_VALUE);
  }

  @Test
  void integralDecimalsAreAcceptedForIntegerTypes() throws IOException {
    assertThat((int[]) decode("[3.0, 1e2, -0.0]", DataType.INT32, 3).values())
        .containsExactly(3, 100, 0);
  }

  @Test
  void fp16ValuesAreRoundedToHalfBits() throws IOException {
    assertThat(
            (short[])
                decode("[1, -2.0, 65504, 0.000000059604645, -0.0]", DataType.FP16, 5).values())
        .containsExactly(
            (short) 0x3C00, (short) 0xC000, (short) 0x7BFF, (short) 0x0001, (short) 0x8000);
  }

  @Test
  void bytesAreTheUtf8OfTheStrings() throws IOException {
    byte[][] data = (byte[][]) decode("[\"héllo\", \"\"]", DataType.BYTES, 2).values();
    assertThat(new String(data[0], StandardCharsets.UTF_8)).isEqualTo("héllo");
    assertThat(data[1]).isEmpty();
  }

  @Test
  void aScalarShapeTakesOneValue() throws IOException {
    assertThat((long[]) decode("[7]", DataType.INT64).values()).containsExactly(7L);
  }

  @Test
  void emptyTensorsTakeEmptyArraysFlatOrNested() throws IOException {
    assertThat((float[]) decode("[]", DataType.FP32, 2, 0).values()).isEmpty();
    assertThat((float[]) decode("[[], []]", DataType.FP32, 2, 0).values()).isEmpty();
    assertThat((float[]) decode("[]", DataType.FP32, 0, 3).values()).isEmpty();
  }

  @Test
  void aStringInFp32DataIsRefused() {
    assertRefused("[1.0, \"abc\"]", DataType.FP32, 2)
        .hasMessage("input 'input': data[1]: expected a number, got string \"abc\"");
  }

  @Test
  void aNumberInBoolDataIsRefused() {
    assertRefused("[true, 1]", DataType.BOOL, 2)
        .hasMessage("input 'input': data[1]: expected true or false, got number 1");
  }

  @Test
  void aFractionInInt32DataIsRefused() {
    assertRefused("[1, 2, 1.5]", DataType.INT32, 3)
        .hasMessage("input 'input': data[2]: expected an integer, got number 1.5");
  }

  @Test
  void aStringInIntegerDataIsRefused() {
    assertRefused("[\"7\"]", DataType.INT64, 1)
        .hasMessage("input 'input': data[0]: expected an integer, got string \"7\"");
  }

  @Test
  void anObjectInsideTheArrayIsRefused() {
    assertRefused("[1, {\"a\": 2}]", DataType.FP64, 2)
        .hasMessage("input 'input': data[1]: expected a number, got an object");
  }

  @Test
  void nullIsRefused() {
    assertRefused("[null]", DataType.BYTES, 1)
        .hasMessage("input 'input': data[0]: expected a string, got null");
  }

  @Test
  void dataThatIsNotAnArrayIsRefused() throws IOException {
    assertRefused("{\"a\": 1}", DataType.FP32, 1)
        .hasMessage("input 'input': data must be a JSON array, got an object");
  }

  @Test
  void aRaggedNestedArrayIsRefusedSayingWhere() {
    assertRefused("[[1, 2, 3], [4, 5]]", DataType.FP32, 2, 3)
        .hasMessage(
            "input 'input': nested data is ragged: data[1] has 2 elements, expected 3 for shape [2,3]");
    assertRefused("[[1, 2, 3], [4, 5, 6, 7, 8]]", DataType.FP32, 2, 3)
        .hasMessage(
            "input 'input': nested data is ragged: data[1] has 5 elements, expected 3 for shape [2,3]");
  }

  @Test
  void tooManyOrTooFewRowsInNestedDataAreRefused() {
    assertRefused("[[1, 2], [3, 4], [5, 6]]", DataType.INT32, 2, 2)
        .hasMessage(
            "input 'input': nested data is ragged: data has 3 elements, expected 2 for shape [2,2]");
    assertRefused("[[[1], [2]], [[3]]]", DataType.INT32, 2, 2, 1)
        .hasMessage(
            "input 'input': nested data is ragged: data[1] has 1 elements, expected 2 for shape [2,2,1]");
  }

  @Test
  void nestedDataShallowerThanTheShapeIsRefused() {
    assertRefused("[[1, 2, 3], [4, 5, 6]]", DataType.FP32, 2, 3, 1)
        .hasMessage(
            "input 'input': data[0][0]: nested data has depth 2 but shape [2,3,1] has 3 dimensions");
  }

  @Test
  void nestedDataDeeperThanTheShapeIsRefused() {
    assertRefused("[[[1], [2], [3]], [[4], [5], [6]]]", DataType.FP32, 2, 3)
        .hasMessage(
            "input 'input': data[0][0]: nested data is deeper than the 2 dimensions of shape [2,3]");
    assertRefused("[[1]]", DataType.FP32)
        .hasMessage("input 'input': data[0]: nested data is deeper than shape [], a scalar");
  }

  @Test
  void anArrayInsideFlatDataIsRefused() {
    assertRefused("[1, 2, [3]]", DataType.FP32, 3)
        .hasMessage(
            "input 'input': data[2]: is an array inside flat data; nest every value to the "
                + "depth of shape [3] or none");
  }

  @Test
  void tooFewValuesAreRefused() {
    String json = "[" + "1,".repeat(58) + "1]";
    assertRefused(json, DataType.FP32, 2, 30)
        .hasMessage("input 'input': expected 60 values for shape [2,30], got 59");
  }

  @Test
  void tooManyValuesAreRefusedWithTheirCount() {
    assertRefused("[1, 2, 3, 4, \"x\", {}]", DataType.FP32, 2, 2)
        .hasMessage("input 'input': expected 4 values for shape [2,2], got 6");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"[1.0, NaN];NaN", "[Infinity, 1.0];Infinity", "[1.0, -Infinity];-Infinity"})
  void nanAndInfinityLiteralsAreRefusedNamingTheTensor(String json, String literal) {
    assertRefused(json, DataType.FP32, 2)
        .hasMessageStartingWith("input 'input': data[")
        .hasMessageEndingWith(
            ": " + literal + " is not a valid JSON number; JSON has no NaN or Infinity");
  }

  @Test
  void nanIsRefusedEvenFromAParserThatAllowsIt() {
    JsonFactory lenient =
        JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    JsonTensorDecoder decoder = new JsonTensorDecoder(TensorRole.INPUT, TensorLimits.DEFAULT);
    assertThatThrownBy(() -> decode(lenient, decoder, "[1.0, NaN]", DataType.FP64, 2))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage(
            "input 'input': data[1]: NaN is not a valid JSON number; JSON has no NaN or Infinity");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "INT8;128;128 is out of range for INT8 [-128, 127]",
        "INT8;-129;-129 is out of range for INT8 [-128, 127]",
        "UINT8;-1;-1 is out of range for UINT8 [0, 255]",
        "UINT8;256;256 is out of range for UINT8 [0, 255]",
        "INT16;32768;32768 is out of range for INT16 [-32768, 32767]",
        "UINT16;65536;65536 is out of range for UINT16 [0, 65535]",
        "INT32;2147483648;2147483648 is out of range for INT32 [-2147483648, 2147483647]",
        "UINT32;4294967296;4294967296 is out of range for UINT32 [0, 4294967295]",
        "UINT32;-1;-1 is out of range for UINT32 [0, 4294967295]",
        "INT64;9223372036854775808;9223372036854775808 is out of range for INT64 "
            + "[-9223372036854775808, 9223372036854775807]",
        "UINT64;18446744073709551616;18446744073709551616 is out of range for UINT64 [0, 18446744073709551615]",
        "UINT64;-1;-1 is out of range for UINT64 [0, 18446744073709551615]",
        "INT32;1e999999999;1e999999999 is out of range for INT32",
        "FP16;65520;65520 is out of range for FP16 (largest finite value 65504)",
        "FP32;1e39;1e39 is out of range for FP32",
        "FP64;1e400;1e400 is out of range for FP64"
      })
  void valuesOutOfRangeAreRefused(String type, String value, String problem) {
    assertRefused("[" + value + "]", DataType.valueOf(type), 1)
        .hasMessage("input 'input': data[0]: " + problem);
  }

  @Test
  void aNegativeDimensionIsRefusedBeforeReading() {
    assertRefused("[1]", DataType.FP32, 2, -1)
        .hasMessage("input 'input': shape [2,-1] has a negative dimension");
  }

  @Test
  void hugeDimensionsWhoseProductOverflowsAreRefused() {
    assertRefused("[1]", DataType.FP32, 1L << 40, 1L << 40)
        .hasMessage(
            "input 'input': shape [1099511627776,1099511627776] has more elements than a long can count");
  }

  @Test
  void anElementCountAboveTheLimitIsRefusedBeforeAllocation() {
    JsonTensorDecoder small = new JsonTensorDecoder(TensorRole.OUTPUT, new TensorLimits(100));
    assertThatThrownBy(() -> decode(JSON, small, "[1]", DataType.FP32, 1_000_000, 1_000_000))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage(
            "output 'input': shape [1000000,1000000] has 1000000000000 elements, more than the limit of 100");
  }

  @Test
  void malformedJsonInsideDataNamesTheTensor() {
    assertRefused("[1, 2,, 3]", DataType.FP32, 3)
        .hasMessageStartingWith("input 'input': malformed JSON at data[2]: Unexpected character");
  }
}

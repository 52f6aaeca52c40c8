package dev.modelport.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawTensorCodecTest {

  private static Tensor decode(DataType type, long[] shape, byte[] raw) {
    return RawTensorCodec.decode(TensorRole.INPUT, "input", type, shape, raw, TensorLimits.DEFAULT);
  }

  @Test
  void valuesAreLittleEndian() {
    Tensor t = new Tensor("x", DataType.INT32, new long[] {2}, new int[] {1, 0x01020304});
    assertThat(RawTensorCodec.encode(t)).containsExactly(1, 0, 0, 0, 4, 3, 2, 1);
    Tensor f = new Tensor("x", DataType.FP32, new long[] {1}, new float[] {1f});
    assertThat(RawTensorCodec.encode(f)).containsExactly(0, 0, (byte) 0x80, 0x3F);
  }

  @Test
  void bytesElementsArePrefixedWithTheirLittleEndianLength() {
    Tensor t =
        new Tensor(
            "x",
            DataType.BYTES,
            new long[] {2},
            new byte[][] {"ab".getBytes(StandardCharsets.UTF_8), new byte[0]});
    assertThat(RawTensorCodec.encode(t)).containsExactly(2, 0, 0, 0, 'a', 'b', 0, 0, 0, 0);
  }

  @Test
  void aByteLengthThatDoesNotMatchTheShapeIsRefusedWithExpectedAndActual() {
    assertThatThrownBy(() -> decode(DataType.FP32, new long[] {2, 3}, new byte[20]))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage("input 'input': expected 24 bytes for 6 FP32 values of shape [2,3], got 20");
  }

  @Test
  void aBytesLengthPrefixPastTheEndIsRefused() {
    byte[] raw = {2, 0, 0, 0, 'a', 'b', 10, 0, 0, 0, 'c', 'd', 'e'};
    assertThatThrownBy(() -> decode(DataType.BYTES, new long[] {2}, raw))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage("input 'input': BYTES element 1 at byte 6 declares 10 bytes but only 3 remain");
  }

  @Test
  void aBytesLengthAboveTwoGigabytesIsRefusedNotWrapped() {
    byte[] raw = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'a'};
    assertThatThrownBy(() -> decode(DataType.BYTES, new long[] {1}, raw))
        .hasMessage(
            "input 'input': BYTES element 0 at byte 0 declares 4294967295 bytes but only 1 remain");
  }

  @Test
  void tooFewBytesElementsAreRefused() {
    byte[] raw = {1, 0, 0, 0, 'a', 0, 0};
    assertThatThrownBy(() -> decode(DataType.BYTES, new long[] {3}, raw))
        .hasMessage(
            "input 'input': expected 3 BYTES elements for shape [3], but the raw data ends "
                + "after 1 (and 2 stray bytes)");
  }

  @Test
  void bytesAfterTheLastElementAreRefused() {
    byte[] raw = {1, 0, 0, 0, 'a', 'z'};
    assertThatThrownBy(() -> decode(DataType.BYTES, new long[] {1}, raw))
        .hasMessage("input 'input': 1 bytes left after the 1 BYTES elements of shape [1]");
  }

  @Test
  void boolBytesOtherThanZeroOrOneAreRefused() {
    assertThatThrownBy(() -> decode(DataType.BOOL, new long[] {2}, new byte[] {1, 2}))
        .hasMessage("input 'input': BOOL byte 1 is 2, expected 0 or 1");
  }

  @Test
  void theElementLimitIsCheckedBeforeTheByteLength() {
    assertThatThrownBy(
            () ->
                RawTensorCodec.decode(
                    TensorRole.OUTPUT,
                    "y",
                    DataType.FP64,
                    new long[] {1 << 20},
                    new byte[8],
                    new TensorLimits(10)))
        .hasMessage("output 'y': shape [1048576] has 1048576 elements, more than the limit of 10");
  }

  @Test
  void fixedWidthNumbersDecodeToAViewOfTheSourceBytesNotACopy() {
    byte[] source = {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, 0x40};
    Tensor t = decode(DataType.FP32, new long[] {2}, source);
    assertThat(t.isRaw()).isTrue();
    assertThat((float[]) t.values()).containsExactly(1f, 2f);

    source[7] = 0x41;
    assertThat((float[]) t.values()).containsExactly(1f, 8f);
  }

  @Test
  void boolStillDecodesToAnArray() {
    Tensor t = decode(DataType.BOOL, new long[] {2}, new byte[] {1, 0});
    assertThat(t.isRaw()).isFalse();
    assertThat((boolean[]) t.values()).containsExactly(true, false);
  }

  @Test
  void aRawTensorEncodesToItsOwnBytes() {
    byte[] source = {1, 0, 0, 0, 4, 3, 2, 1};
    Tensor t = decode(DataType.INT32, new long[] {2}, source);
    assertThat(RawTensorCodec.encode(t)).containsExactly(source);
    java.nio.ByteBuffer target = java.nio.ByteBuffer.allocate(10).position(1);
    RawTensorCodec.encode(t, target);
    assertThat(target.position()).isEqualTo(9);
    assertThat(target.array()).containsExactly(0, 1, 0, 0, 0, 4, 3, 2, 1, 0);
  }
}

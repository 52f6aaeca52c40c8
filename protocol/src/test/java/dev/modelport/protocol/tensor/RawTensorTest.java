package dev.modelport.protocol.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RawTensorTest {

  private static ByteBuffer littleEndianFloats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.flip();
  }

  @Test
  void aRawTensorCountsItsElementsAndDecodesItsValues() {
    Tensor t = new Tensor("x", DataType.FP32, new long[] {1, 3}, littleEndianFloats(1, 2.5f, -3));

    assertThat(t.isRaw()).isTrue();
    assertThat(t.elementCount()).isEqualTo(3);
    assertThat((float[]) t.values()).containsExactly(1, 2.5f, -3);
  }

  @Test
  void aRawTensorEqualsTheArrayTensorOfTheSameValues() {
    Tensor raw = new Tensor("x", DataType.FP32, new long[] {2}, littleEndianFloats(4, 5));
    Tensor array = new Tensor("x", DataType.FP32, new long[] {2}, new float[] {4, 5});

    assertThat(raw).isEqualTo(array).hasSameHashCodeAs(array);
  }

  @Test
  void theViewStartsAtTheBuffersPositionAndIgnoresLaterMovesOfIt() {
    ByteBuffer source = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    source.putFloat(9).putFloat(7).putFloat(8).position(4);
    Tensor t = new Tensor("x", DataType.FP32, new long[] {2}, source);
    source.position(0);

    assertThat((float[]) t.values()).containsExactly(7, 8);
    ByteBuffer handedOut = t.rawBytes();
    handedOut.position(8);
    assertThat(t.rawBytes().remaining()).isEqualTo(8);
  }

  @Test
  void rawBytesWhoseLengthDoesNotMatchTheShapeAreRefused() {
    assertThatThrownBy(
            () -> new Tensor("x", DataType.FP32, new long[] {3}, littleEndianFloats(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 12 raw bytes")
        .hasMessageContaining("got 8");
  }

  @Test
  void bigEndianBytesAreRefused() {
    ByteBuffer bigEndian = ByteBuffer.allocate(4);
    assertThatThrownBy(() -> new Tensor("x", DataType.FP32, new long[] {1}, bigEndian))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("little-endian");
  }

  @Test
  void boolAndBytesHaveNoRawForm() {
    ByteBuffer one = ByteBuffer.allocate(1).order(ByteOrder.LITTLE_ENDIAN);
    assertThatThrownBy(() -> new Tensor("b", DataType.BOOL, new long[] {1}, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an array");
    assertThat(DataType.BYTES.hasRawForm()).isFalse();
    assertThat(DataType.FP16.hasRawForm()).isTrue();
  }

  @Test
  void anArrayTensorHasNoRawBytes() {
    Tensor t = new Tensor("x", DataType.INT32, new long[] {1}, new int[] {1});
    assertThat(t.isRaw()).isFalse();
    assertThatThrownBy(t::rawBytes).isInstanceOf(IllegalStateException.class);
  }
}

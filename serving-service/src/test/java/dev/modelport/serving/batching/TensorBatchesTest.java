package dev.modelport.serving.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorBatchesTest {

  @Test
  void joiningConcatenatesEveryInputAlongTheFirstDimension() {
    List<Tensor> a =
        List.of(
            new Tensor("n", DataType.FP32, new long[] {1, 2}, new float[] {1, 2}),
            new Tensor("c", DataType.INT64, new long[] {1, 1}, new long[] {7}));
    List<Tensor> b =
        List.of(
            new Tensor("n", DataType.FP32, new long[] {2, 2}, new float[] {3, 4, 5, 6}),
            new Tensor("c", DataType.INT64, new long[] {2, 1}, new long[] {8, 9}));

    List<Tensor> joined = TensorBatches.join(List.of(a, b));

    assertThat(joined.get(0).shape()).containsExactly(3, 2);
    assertThat((float[]) joined.get(0).values()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat((long[]) joined.get(1).values()).containsExactly(7, 8, 9);
  }

  @Test
  void slicingHandsEachRequestItsOwnRows() {
    Tensor out = new Tensor("p", DataType.FP64, new long[] {3, 2}, new double[] {1, 2, 3, 4, 5, 6});
    List<Tensor> first = TensorBatches.slice(List.of(out), 0, 2, 3);
    List<Tensor> second = TensorBatches.slice(List.of(out), 2, 1, 3);
    assertThat(first.get(0).shape()).containsExactly(2, 2);
    assertThat((double[]) first.get(0).values()).containsExactly(1, 2, 3, 4);
    assertThat(second.get(0).shape()).containsExactly(1, 2);
    assertThat((double[]) second.get(0).values()).containsExactly(5, 6);
  }

  @Test
  void anOutputWithTheWrongNumberOfRowsIsRefused() {
    Tensor out = new Tensor("p", DataType.FP32, new long[] {2, 1}, new float[] {1, 2});
    TensorBatches.checkRows(List.of(out), 2);
    assertThatThrownBy(() -> TensorBatches.checkRows(List.of(out), 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'p'")
        .hasMessageContaining("3 rows");
  }

  @Test
  void tensorsDifferingInTrailingDimensionsOrDatatypeAreNotJoinable() {
    List<Tensor> a = List.of(new Tensor("x", DataType.FP32, new long[] {1, 2}, new float[2]));
    List<Tensor> b = List.of(new Tensor("x", DataType.FP32, new long[] {1, 3}, new float[3]));
    List<Tensor> c = List.of(new Tensor("x", DataType.INT32, new long[] {1, 2}, new int[2]));
    assertThat(TensorBatches.joinable(a, a)).isTrue();
    assertThat(TensorBatches.joinable(a, b)).isFalse();
    assertThat(TensorBatches.joinable(a, c)).isFalse();
  }

  private static Tensor rawFloats(String name, long[] shape, float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return new Tensor(name, DataType.FP32, shape, b.flip());
  }

  @Test
  void rawAndArrayInputsJoinIntoOneDirectBufferTheEngineReadsInPlace() {
    List<Tensor> fromGrpc = List.of(rawFloats("n", new long[] {1, 2}, 1, 2));
    List<Tensor> fromJson =
        List.of(new Tensor("n", DataType.FP32, new long[] {1, 2}, new float[] {3, 4}));

    Tensor joined = TensorBatches.join(List.of(fromGrpc, fromJson)).get(0);

    assertThat(joined.isRaw()).isTrue();
    assertThat(joined.rawBytes().isDirect()).isTrue();
    assertThat(joined.shape()).containsExactly(2, 2);
    assertThat((float[]) joined.values()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void boolInputsStillJoinAsArrays() {
    List<Tensor> a = List.of(new Tensor("m", DataType.BOOL, new long[] {1}, new boolean[] {true}));
    List<Tensor> b = List.of(new Tensor("m", DataType.BOOL, new long[] {1}, new boolean[] {false}));

    Tensor joined = TensorBatches.join(List.of(a, b)).get(0);

    assertThat(joined.isRaw()).isFalse();
    assertThat((boolean[]) joined.values()).containsExactly(true, false);
  }

  @Test
  void slicingARawOutputHandsOutViewsOfItsRowsWithoutCopying() {
    Tensor out = rawFloats("p", new long[] {3, 2}, 1, 2, 3, 4, 5, 6);

    Tensor middle = TensorBatches.slice(List.of(out), 1, 2, 3).get(0);

    assertThat(middle.isRaw()).isTrue();
    assertThat(middle.shape()).containsExactly(2, 2);
    assertThat((float[]) middle.values()).containsExactly(3, 4, 5, 6);
    ByteBuffer whole = out.data() instanceof ByteBuffer b ? b : null;
    assertThat(whole).isNotNull();
    whole.putFloat(8, 30f);
    assertThat((float[]) middle.values()).as("a view of the batch's output").startsWith(30f);
  }
}

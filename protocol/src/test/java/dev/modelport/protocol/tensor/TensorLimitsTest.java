package dev.modelport.protocol.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorLimitsTest {

  private final TensorLimits limits = new TensorLimits(1000);

  @Test
  void countsTheElementsOfAShapeWithinTheLimit() {
    assertThat(limits.checkedElementCount(TensorRole.INPUT, "x", new long[] {2, 30})).isEqualTo(60);
    assertThat(limits.checkedElementCount(TensorRole.INPUT, "x", new long[] {})).isEqualTo(1);
    assertThat(limits.checkedElementCount(TensorRole.INPUT, "x", new long[] {1000}))
        .isEqualTo(1000);
  }

  @Test
  void aNegativeDimensionIsRefused() {
    assertThatThrownBy(() -> limits.checkedElementCount(TensorRole.INPUT, "x", new long[] {2, -1}))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage("input 'x': shape [2,-1] has a negative dimension");
  }

  @Test
  void dimensionsWhoseProductOverflowsALongAreRefused() {
    long[] shape = {1L << 32, 1L << 32};
    assertThatThrownBy(() -> limits.checkedElementCount(TensorRole.OUTPUT, "y", shape))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage(
            "output 'y': shape [4294967296,4294967296] has more elements than a long can count");
  }

  @Test
  void aShapeAboveTheLimitIsRefusedBeforeAllocation() {
    assertThatThrownBy(
            () -> limits.checkedElementCount(TensorRole.INPUT, "x", new long[] {10, 101}))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage("input 'x': shape [10,101] has 1010 elements, more than the limit of 1000");
  }

  @Test
  void aZeroDimensionMakesAnEmptyTensorWhateverTheOtherDimensions() {
    long[] shape = {Long.MAX_VALUE, 0, Long.MAX_VALUE};
    assertThat(limits.checkedElementCount(TensorRole.INPUT, "x", shape)).isZero();
    assertThat(Tensor.elementCount(shape)).isZero();
  }

  @Test
  void limitsOutsideTheArrayRangeAreRejected() {
    assertThatThrownBy(() -> new TensorLimits(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TensorLimits(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tensorRefusesDataThatDoesNotMatchItsShape() {
    assertThatThrownBy(() -> new Tensor("x", DataType.FP32, new long[] {2, 30}, new float[59]))
        .hasMessage("tensor 'x': expected 60 values for shape [2,30], got 59");
    assertThatThrownBy(() -> new Tensor("x", DataType.FP32, new long[] {2}, new int[2]))
        .hasMessage("tensor 'x': FP32 data must be float[], got int[]");
    assertThatThrownBy(() -> Tensor.elementCount(new long[] {1L << 40, 1L << 40}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more elements than a long can count");
  }

  @Test
  void unknownDatatypesAreNamedWithTheAcceptedOnes() {
    assertThat(DataType.parse("fp32")).isEqualTo(DataType.FP32);
    assertThatThrownBy(() -> DataType.parse("FP8"))
        .hasMessageStartingWith("unknown datatype 'FP8'; expected one of BOOL, UINT8");
  }
}

package dev.modelport.drift.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.drift.baseline.MonitoredSignature;
import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.support.InferenceEvents;
import dev.modelport.drift.window.EventRows;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class EventRowsReaderTest {

  static final MonitoredSignature CREDIT = ExampleModels.monitored(ExampleModels.creditSignature());
  final EventRowsReader reader = new EventRowsReader(TensorLimits.DEFAULT);

  @Test
  void twoInputsBecomeBlocksAtTheirFeaturePositions() throws Exception {
    EventRows rows =
        reader.read(
            event(
                new Tensor("numeric", DataType.FP32, new long[] {2, 4}, new float[8]),
                new Tensor(
                    "categorical", DataType.INT64, new long[] {2, 2}, new long[] {4, 1, 0, 3})),
            CREDIT);

    assertThat(rows.rows()).isEqualTo(2);
    assertThat(rows.blocks()).hasSize(2);
    assertThat(rows.blocks().get(1).firstFeature()).isEqualTo(4);
    assertThat(rows.blocks().get(1).data())
        .asInstanceOf(InstanceOfAssertFactories.LONG_ARRAY)
        .containsExactly(4, 1, 0, 3);
  }

  @Test
  void int32CategoriesAreWidenedToLongCodes() throws Exception {
    EventRows rows =
        reader.read(
            event(
                new Tensor("numeric", DataType.FP32, new long[] {1, 4}, new float[4]),
                new Tensor("categorical", DataType.INT32, new long[] {1, 2}, new int[] {7, -2})),
            CREDIT);

    assertThat(rows.blocks().get(1).data())
        .asInstanceOf(InstanceOfAssertFactories.LONG_ARRAY)
        .containsExactly(7, -2);
  }

  @Test
  void differentRowCountsBetweenInputsAreASchemaMismatch() {
    assertReason(
        event(
            new Tensor("numeric", DataType.FP32, new long[] {2, 4}, new float[8]),
            new Tensor("categorical", DataType.INT64, new long[] {1, 2}, new long[2])),
        BadEventReason.SCHEMA_MISMATCH);
  }

  @Test
  void aMissingInputOrAWrongFeatureCountIsASchemaMismatch() {
    assertReason(
        event(new Tensor("numeric", DataType.FP32, new long[] {1, 4}, new float[4])),
        BadEventReason.SCHEMA_MISMATCH);
    assertReason(
        event(
            new Tensor("numeric", DataType.FP32, new long[] {1, 3}, new float[3]),
            new Tensor("categorical", DataType.INT64, new long[] {1, 2}, new long[2])),
        BadEventReason.SCHEMA_MISMATCH);
  }

  @Test
  void infiniteValuesAreRefusedAsNonFinite() {
    float[] values = {1, 2, Float.POSITIVE_INFINITY, 4};
    assertReason(
        event(
            new Tensor("numeric", DataType.FP32, new long[] {1, 4}, values),
            new Tensor("categorical", DataType.INT64, new long[] {1, 2}, new long[2])),
        BadEventReason.NON_FINITE);
  }

  @Test
  void bytesInputsAreNotProfiled() {
    assertReason(
        event(
            new Tensor("numeric", DataType.FP32, new long[] {1, 4}, new float[4]),
            new Tensor("categorical", DataType.BYTES, new long[] {1, 2}, new byte[][] {{1}, {2}})),
        BadEventReason.SCHEMA_MISMATCH);
  }

  private void assertReason(InferenceEvent event, BadEventReason reason) {
    assertThatThrownBy(() -> reader.read(event, CREDIT))
        .isInstanceOf(BadEventException.class)
        .extracting(e -> ((BadEventException) e).reason())
        .isEqualTo(reason);
  }

  private static InferenceEvent event(Tensor... inputs) {
    return InferenceEvents.event(ExampleModels.CREDIT, "1", 1, List.of(inputs));
  }
}

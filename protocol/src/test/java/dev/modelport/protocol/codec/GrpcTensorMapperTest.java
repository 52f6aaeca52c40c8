package dev.modelport.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.modelport.protocol.grpc.InferParameter;
import dev.modelport.protocol.grpc.InferTensorContents;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferRequest.InferInputTensor;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcTensorMapperTest {

  private static InferInputTensor.Builder input(String name, String datatype, long... shape) {
    InferInputTensor.Builder b = InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
    for (long d : shape) {
      b.addShape(d);
    }
    return b;
  }

  private static List<Tensor> inputs(ModelInferRequest.Builder request) {
    return GrpcTensorMapper.inputs(request.build(), TensorLimits.DEFAULT);
  }

  @Test
  void narrowIntegerTypesUseTheSharedIntAndUintFields() {
    Tensor int8 = new Tensor("a", DataType.INT8, new long[] {2}, new byte[] {-128, 127});
    Tensor uint16 = new Tensor("b", DataType.UINT16, new long[] {1}, new short[] {(short) 65535});
    assertThat(GrpcTensorMapper.toContents(TensorRole.INPUT, int8).getIntContentsList())
        .containsExactly(-128, 127);
    assertThat(GrpcTensorMapper.toContents(TensorRole.INPUT, uint16).getUintContentsList())
        .containsExactly(65535);
  }

  @Test
  void typedContentsInTheWrongFieldAreRefused() {
    ModelInferRequest.Builder request =
        ModelInferRequest.newBuilder()
            .addInputs(
                input("x", "FP32", 2)
                    .setContents(
                        InferTensorContents.newBuilder().addIntContents(1).addIntContents(2)));
    assertThatThrownBy(() -> inputs(request))
        .isInstanceOf(TensorFormatException.class)
        .hasMessage("input 'x': FP32 contents belong in fp32_contents, got int_contents");
  }

  @Test
  void typedContentsWithTheWrongCountAreRefused() {
    ModelInferRequest.Builder request =
        ModelInferRequest.newBuilder()
            .addInputs(
                input("x", "FP32", 2, 3)
                    .setContents(InferTensorContents.newBuilder().addFp32Contents(1)));
    assertThatThrownBy(() -> inputs(request))
        .hasMessage("input 'x': expected 6 values for shape [2,3], got 1 in fp32_contents");
  }

  @Test
  void narrowTypedValuesOutOfRangeAreRefused() {
    ModelInferRequest.Builder request =
        ModelInferRequest.newBuilder()
            .addInputs(
                input("x", "UINT8", 2)
                    .setContents(
                        InferTensorContents.newBuilder().addUintContents(1).addUintContents(256)));
    assertThatThrownBy(() -> inputs(request))
        .hasMessage("input 'x': uint_contents[1]: 256 is out of range for UINT8 [0, 255]");
    ModelInferRequest.Builder negative =
        ModelInferRequest.newBuilder()
            .addInputs(
                input("y", "INT8", 1)
                    .setContents(InferTensorContents.newBuilder().addIntContents(-129)));
    assertThatThrownBy(() -> inputs(negative))
        .hasMessage("input 'y': int_contents[0]: -129 is out of range for INT8 [-128, 127]");
  }

  @Test
  void fp16HasNoTypedContents() {
    Tensor half = new Tensor("h", DataType.FP16, new long[] {1}, new short[] {0x3C00});
    assertThatThrownBy(() -> GrpcTensorMapper.toContents(TensorRole.OUTPUT, half))
        .hasMessage("output 'h': FP16 has no typed contents field; send it as raw contents");
    ModelInferRequest.Builder request =
        ModelInferRequest.newBuilder().addInputs(input("h", "FP16", 1));
    assertThatThrownBy(() -> inputs(request))
        .hasMessage("input 'h': FP16 has no typed contents field; send it as raw contents");
  }

  @Test
  void rawContentsMustComeOnePerInput() {
    ModelInferRequest.Builder request =
        ModelInferRequest.newBuilder()
            .addInputs(input("a", "FP32", 1))
            .addInputs(input("b", "FP32", 1))
            .addRawInputContents(ByteString.copyFrom(new byte[4]));
    assertThatThrownBy(() -> inputs(request))
        .hasMessage("request: 1 raw_input_contents for 2 inputs; give one per input, in order");
  }

  @Test
  void rawAndTypedContentsMayNotBeMixed() {
    ModelInferRequest.Builder request =
        ModelInferRequest.newBuilder()
            .addInputs(
                input("a", "FP32", 1)
                    .setContents(InferTensorContents.newBuilder().addFp32Contents(1)))
            .addRawInputContents(ByteString.copyFrom(new byte[4]));
    assertThatThrownBy(() -> inputs(request))
        .hasMessage(
            "input 'a': has typed contents while the request uses raw_input_contents; use one form");
  }

  @Test
  void rawContentsOfTheWrongLengthAreRefused() {
    ModelInferRequest.Builder request =
        ModelInferRequest.newBuilder()
            .addInputs(input("a", "INT64", 2))
            .addRawInputContents(ByteString.copyFrom(new byte[15]));
    assertThatThrownBy(() -> inputs(request))
        .hasMessage("input 'a': expected 16 bytes for 2 INT64 values of shape [2], got 15");
  }

  @Test
  void unknownDatatypesAndMissingNamesAreRefused() {
    assertThatThrownBy(() -> inputs(ModelInferRequest.newBuilder().addInputs(input("a", "FP8", 1))))
        .hasMessageStartingWith("input 'a': unknown datatype 'FP8'; expected one of BOOL");
    assertThatThrownBy(() -> inputs(ModelInferRequest.newBuilder().addInputs(input("", "FP32", 1))))
        .hasMessage("input at index 0: missing name");
  }

  @Test
  void parametersMapToJavaValuesAndBack() {
    Map<String, Object> values = Map.of("b", true, "i", 42L, "s", "text", "d", 0.5);
    values.forEach(
        (k, v) ->
            assertThat(GrpcTensorMapper.parameterValue(GrpcTensorMapper.parameter(v)))
                .isEqualTo(v));
    assertThat(
            GrpcTensorMapper.parameterValue(
                InferParameter.newBuilder().setUint64Param(-1L).build()))
        .isEqualTo(-1L);
  }

  /** Heap bytes the current thread allocates while running {@code work}. */
  private static long allocatedBy(Runnable work) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    work.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void rawContentsOfAnImageAreReadWithoutCopyingThemOntoTheHeap() {
    int values = 3 * 224 * 224;
    ModelInferRequest request =
        ModelInferRequest.newBuilder()
            .addInputs(input("pixels", "FP32", 1, 3, 224, 224))
            .addRawInputContents(ByteString.copyFrom(new byte[values * 4]))
            .build();
    GrpcTensorMapper.inputs(request, TensorLimits.DEFAULT); // loads and warms the classes

    List<Tensor>[] read = new List[1];
    long allocated =
        allocatedBy(() -> read[0] = GrpcTensorMapper.inputs(request, TensorLimits.DEFAULT));

    assertThat(read[0].get(0).isRaw()).isTrue();
    assertThat(read[0].get(0).elementCount()).isEqualTo(values);
    assertThat(allocated).as("heap bytes allocated reading %d values", values).isLessThan(16_384);
  }

  @Test
  void aRawTensorIsWrittenAsRawContentsWithItsBytes() {
    byte[] bytes = {0, 0, (byte) 0x80, 0x3F};
    Tensor raw =
        RawTensorCodec.decode(
            TensorRole.OUTPUT, "y", DataType.FP32, new long[] {1}, bytes, TensorLimits.DEFAULT);
    var response =
        GrpcTensorMapper.addOutputs(
            dev.modelport.protocol.grpc.ModelInferResponse.newBuilder(), List.of(raw), true);
    assertThat(response.getRawOutputContents(0).toByteArray()).containsExactly(bytes);
  }
}

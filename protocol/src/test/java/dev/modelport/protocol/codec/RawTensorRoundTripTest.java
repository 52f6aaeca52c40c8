package dev.modelport.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.event.EventTensors;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorArbitraries;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class RawTensorRoundTripTest {

  @Provide
  Arbitrary<Tensor> anyBits() {
    return TensorArbitraries.anyTensor(false);
  }

  @Property(tries = 1500)
  void everyDatatypeSurvivesRawBytes(@ForAll("anyBits") Tensor tensor) {
    coverEveryDatatype(tensor);
    byte[] raw = RawTensorCodec.encode(tensor);
    assertThat(raw).hasSize((int) RawTensorCodec.rawSize(tensor));
    Tensor back =
        RawTensorCodec.decode(
            TensorRole.INPUT,
            tensor.name(),
            tensor.datatype(),
            tensor.shape(),
            raw,
            TensorLimits.DEFAULT);
    assertThat(back).isEqualTo(tensor);
    // Bit-exact, NaN payloads included.
    assertThat(RawTensorCodec.encode(back)).isEqualTo(raw);
  }

  @Property(tries = 300)
  void rawEncodingIsLittleEndianAtTheBufferPosition(@ForAll("anyBits") Tensor tensor) {
    ByteBuffer target = ByteBuffer.allocate((int) RawTensorCodec.rawSize(tensor) + 3);
    target.position(3);
    RawTensorCodec.encode(tensor, target);
    assertThat(target.position()).isEqualTo(target.capacity());
    byte[] tail = new byte[target.capacity() - 3];
    target.position(3);
    target.get(tail);
    assertThat(tail).isEqualTo(RawTensorCodec.encode(tensor));
  }

  @Property(tries = 800)
  void everyDatatypeSurvivesGrpcRawContents(@ForAll("anyBits") Tensor tensor) {
    ModelInferRequest request =
        GrpcTensorMapper.addInputs(ModelInferRequest.newBuilder(), List.of(tensor), true).build();
    ModelInferRequest parsed = parse(request);
    assertThat(GrpcTensorMapper.inputs(parsed, TensorLimits.DEFAULT)).containsExactly(tensor);
  }

  @Property(tries = 800)
  void everyDatatypeButFp16SurvivesGrpcTypedContents(@ForAll("anyBits") Tensor tensor) {
    if (tensor.datatype() == DataType.FP16) {
      return;
    }
    ModelInferResponse response =
        GrpcTensorMapper.addOutputs(ModelInferResponse.newBuilder(), List.of(tensor), false)
            .build();
    assertThat(response.getRawOutputContentsCount()).isZero();
    ModelInferResponse parsed;
    try {
      parsed = ModelInferResponse.parseFrom(response.toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
    assertThat(GrpcTensorMapper.outputs(parsed, TensorLimits.DEFAULT)).containsExactly(tensor);
  }

  @Property(tries = 500)
  void everyDatatypeSurvivesAnInferenceEvent(@ForAll("anyBits") Tensor tensor) {
    Tensor back =
        EventTensors.fromEvent(
            EventTensors.toEvent(tensor), TensorRole.OUTPUT, TensorLimits.DEFAULT);
    assertThat(back).isEqualTo(tensor);
  }

  private static ModelInferRequest parse(ModelInferRequest request) {
    try {
      return ModelInferRequest.parseFrom(request.toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static void coverEveryDatatype(Tensor tensor) {
    Statistics.collect(tensor.datatype());
    Statistics.coverage(
        coverage -> {
          for (DataType type : DataType.values()) {
            coverage.check(type).count(c -> c >= 20);
          }
        });
  }
}

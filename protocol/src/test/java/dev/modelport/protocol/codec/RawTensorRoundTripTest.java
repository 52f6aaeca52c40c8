package dev.modelport.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.event.EventTensors;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorCoverage;
import dev.modelport.protocol.tensor.TensorGenerator;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import dev.modelport.protocol.testing.GeneratedCases;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Round trips of generated tensors of every datatype with any bits (NaN payloads, infinities,
 * subnormals, signed zeros, integer limits) through the raw codec, gRPC and inference events. Cases
 * are seeded and reproducible, see {@link GeneratedCases}.
 */
class RawTensorRoundTripTest {

  private static GeneratedCases<Tensor> anyBits(String property, int count) {
    return GeneratedCases.generate(
        "RawTensorRoundTripTest." + property,
        count,
        random -> new TensorGenerator(random).anyTensor(false));
  }

  @TestFactory
  Stream<DynamicTest> everyDatatypeSurvivesRawBytes() {
    return anyBits("everyDatatypeSurvivesRawBytes", 1500)
        .check(RawTensorRoundTripTest::survivesRawBytes, TensorCoverage.everyDatatype(20));
  }

  @TestFactory
  Stream<DynamicTest> rawEncodingIsLittleEndianAtTheBufferPosition() {
    return anyBits("rawEncodingIsLittleEndianAtTheBufferPosition", 300)
        .check(RawTensorRoundTripTest::encodesAtTheBufferPosition, TensorCoverage.everyDatatype(1));
  }

  @TestFactory
  Stream<DynamicTest> everyDatatypeSurvivesGrpcRawContents() {
    return anyBits("everyDatatypeSurvivesGrpcRawContents", 800)
        .check(RawTensorRoundTripTest::survivesGrpcRawContents, TensorCoverage.everyDatatype(1));
  }

  /** Typed contents have no FP16 field, so every case is of another datatype. */
  @TestFactory
  Stream<DynamicTest> everyDatatypeButFp16SurvivesGrpcTypedContents() {
    Set<DataType> typed = EnumSet.complementOf(EnumSet.of(DataType.FP16));
    return GeneratedCases.generate(
            "RawTensorRoundTripTest.everyDatatypeButFp16SurvivesGrpcTypedContents",
            800,
            random -> new TensorGenerator(random).anyTensor(false, typed))
        .check(
            RawTensorRoundTripTest::survivesGrpcTypedContents, TensorCoverage.datatypes(typed, 1));
  }

  @TestFactory
  Stream<DynamicTest> everyDatatypeSurvivesAnInferenceEvent() {
    return anyBits("everyDatatypeSurvivesAnInferenceEvent", 500)
        .check(RawTensorRoundTripTest::survivesAnInferenceEvent, TensorCoverage.everyDatatype(1));
  }

  private static void survivesRawBytes(Tensor tensor) {
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

  private static void encodesAtTheBufferPosition(Tensor tensor) {
    ByteBuffer target = ByteBuffer.allocate((int) RawTensorCodec.rawSize(tensor) + 3);
    target.position(3);
    RawTensorCodec.encode(tensor, target);
    assertThat(target.position()).isEqualTo(target.capacity());
    byte[] tail = new byte[target.capacity() - 3];
    target.position(3);
    target.get(tail);
    assertThat(tail).isEqualTo(RawTensorCodec.encode(tensor));
  }

  private static void survivesGrpcRawContents(Tensor tensor) {
    ModelInferRequest request =
        GrpcTensorMapper.addInputs(ModelInferRequest.newBuilder(), List.of(tensor), true).build();
    ModelInferRequest parsed = parse(request);
    assertThat(GrpcTensorMapper.inputs(parsed, TensorLimits.DEFAULT)).containsExactly(tensor);
  }

  private static void survivesGrpcTypedContents(Tensor tensor) {
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

  private static void survivesAnInferenceEvent(Tensor tensor) {
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
}

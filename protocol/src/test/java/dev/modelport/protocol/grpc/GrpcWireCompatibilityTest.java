package dev.modelport.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.modelport.protocol.event.InferenceEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the field numbers and types of the published Open Inference Protocol (KServe
 * grpc_predict_v2.proto, Triton grpc_service.proto) so that a renumbering breaks the build rather
 * than every existing client.
 */
class GrpcWireCompatibilityTest {

  private static final Map<String, Descriptor> MESSAGES =
      Map.ofEntries(
          Map.entry("ServerLiveResponse", ServerLiveResponse.getDescriptor()),
          Map.entry("ServerReadyResponse", ServerReadyResponse.getDescriptor()),
          Map.entry("ModelReadyRequest", ModelReadyRequest.getDescriptor()),
          Map.entry("ModelReadyResponse", ModelReadyResponse.getDescriptor()),
          Map.entry("ServerMetadataResponse", ServerMetadataResponse.getDescriptor()),
          Map.entry("ModelMetadataRequest", ModelMetadataRequest.getDescriptor()),
          Map.entry("ModelMetadataResponse", ModelMetadataResponse.getDescriptor()),
          Map.entry("TensorMetadata", ModelMetadataResponse.TensorMetadata.getDescriptor()),
          Map.entry("ModelInferRequest", ModelInferRequest.getDescriptor()),
          Map.entry("InferInputTensor", ModelInferRequest.InferInputTensor.getDescriptor()),
          Map.entry(
              "InferRequestedOutputTensor",
              ModelInferRequest.InferRequestedOutputTensor.getDescriptor()),
          Map.entry("ModelInferResponse", ModelInferResponse.getDescriptor()),
          Map.entry("InferOutputTensor", ModelInferResponse.InferOutputTensor.getDescriptor()),
          Map.entry("InferParameter", InferParameter.getDescriptor()),
          Map.entry("InferTensorContents", InferTensorContents.getDescriptor()),
          Map.entry("InferenceEvent", InferenceEvent.getDescriptor()),
          Map.entry("EventTensor", dev.modelport.protocol.event.EventTensor.getDescriptor()));

  @ParameterizedTest(name = "{0}.{1} = {2}")
  @CsvSource({
    "ServerLiveResponse, live, 1, BOOL",
    "ServerReadyResponse, ready, 1, BOOL",
    "ModelReadyRequest, name, 1, STRING",
    "ModelReadyRequest, version, 2, STRING",
    "ModelReadyResponse, ready, 1, BOOL",
    "ServerMetadataResponse, name, 1, STRING",
    "ServerMetadataResponse, version, 2, STRING",
    "ServerMetadataResponse, extensions, 3, STRING",
    "ModelMetadataRequest, name, 1, STRING",
    "ModelMetadataRequest, version, 2, STRING",
    "ModelMetadataResponse, name, 1, STRING",
    "ModelMetadataResponse, versions, 2, STRING",
    "ModelMetadataResponse, platform, 3, STRING",
    "ModelMetadataResponse, inputs, 4, MESSAGE",
    "ModelMetadataResponse, outputs, 5, MESSAGE",
    "TensorMetadata, name, 1, STRING",
    "TensorMetadata, datatype, 2, STRING",
    "TensorMetadata, shape, 3, INT64",
    "ModelInferRequest, model_name, 1, STRING",
    "ModelInferRequest, model_version, 2, STRING",
    "ModelInferRequest, id, 3, STRING",
    "ModelInferRequest, parameters, 4, MESSAGE",
    "ModelInferRequest, inputs, 5, MESSAGE",
    "ModelInferRequest, outputs, 6, MESSAGE",
    "ModelInferRequest, raw_input_contents, 7, BYTES",
    "InferInputTensor, name, 1, STRING",
    "InferInputTensor, datatype, 2, STRING",
    "InferInputTensor, shape, 3, INT64",
    "InferInputTensor, parameters, 4, MESSAGE",
    "InferInputTensor, contents, 5, MESSAGE",
    "InferRequestedOutputTensor, name, 1, STRING",
    "InferRequestedOutputTensor, parameters, 2, MESSAGE",
    "ModelInferResponse, model_name, 1, STRING",
    "ModelInferResponse, model_version, 2, STRING",
    "ModelInferResponse, id, 3, STRING",
    "ModelInferResponse, parameters, 4, MESSAGE",
    "ModelInferResponse, outputs, 5, MESSAGE",
    "ModelInferResponse, raw_output_contents, 6, BYTES",
    "InferOutputTensor, name, 1, STRING",
    "InferOutputTensor, datatype, 2, STRING",
    "InferOutputTensor, shape, 3, INT64",
    "InferOutputTensor, parameters, 4, MESSAGE",
    "InferOutputTensor, contents, 5, MESSAGE",
    "InferParameter, bool_param, 1, BOOL",
    "InferParameter, int64_param, 2, INT64",
    "InferParameter, string_param, 3, STRING",
    "InferParameter, double_param, 4, DOUBLE",
    "InferParameter, uint64_param, 5, UINT64",
    "InferTensorContents, bool_contents, 1, BOOL",
    "InferTensorContents, int_contents, 2, INT32",
    "InferTensorContents, int64_contents, 3, INT64",
    "InferTensorContents, uint_contents, 4, UINT32",
    "InferTensorContents, uint64_contents, 5, UINT64",
    "InferTensorContents, fp32_contents, 6, FLOAT",
    "InferTensorContents, fp64_contents, 7, DOUBLE",
    "InferTensorContents, bytes_contents, 8, BYTES",
    "InferenceEvent, model, 1, STRING",
    "InferenceEvent, version, 2, STRING",
    "InferenceEvent, request_id, 3, STRING",
    "InferenceEvent, timestamp_micros, 4, INT64",
    "InferenceEvent, inputs, 5, MESSAGE",
    "InferenceEvent, outputs, 6, MESSAGE",
    "InferenceEvent, route, 7, STRING",
    "InferenceEvent, latency_micros, 8, INT64",
    "EventTensor, name, 1, STRING",
    "EventTensor, datatype, 2, STRING",
    "EventTensor, shape, 3, INT64",
    "EventTensor, raw_contents, 4, BYTES"
  })
  void fieldKeepsItsPublishedNumberAndType(String message, String field, int number, String type) {
    FieldDescriptor fd = MESSAGES.get(message).findFieldByName(field);
    assertThat(fd).as("%s.%s exists", message, field).isNotNull();
    assertThat(fd.getNumber()).isEqualTo(number);
    assertThat(fd.getType().name()).isEqualTo(type);
  }

  @Test
  void messagesHaveNoFieldsBeyondThePublishedOnes() {
    assertThat(ModelInferRequest.getDescriptor().getFields()).hasSize(7);
    assertThat(ModelInferResponse.getDescriptor().getFields()).hasSize(6);
    assertThat(InferTensorContents.getDescriptor().getFields()).hasSize(8);
    assertThat(InferParameter.getDescriptor().getFields()).hasSize(5);
    assertThat(InferParameter.getDescriptor().getOneofs())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("parameter_choice"));
  }

  @Test
  void theServiceIsInferenceGrpcInferenceServiceWithTheV2MethodsAndTritonsExtensions() {
    ServiceDescriptor service =
        GrpcPredictV2Proto.getDescriptor().findServiceByName("GRPCInferenceService");
    assertThat(service.getFullName()).isEqualTo("inference.GRPCInferenceService");
    assertThat(service.getMethods())
        .extracting(MethodDescriptor::getName)
        .containsExactly(
            "ServerLive",
            "ServerReady",
            "ModelReady",
            "ServerMetadata",
            "ModelMetadata",
            "ModelInfer",
            "ModelConfig",
            "ModelStatistics",
            "RepositoryIndex",
            "RepositoryModelLoad",
            "RepositoryModelUnload");
    MethodDescriptor infer = service.findMethodByName("ModelInfer");
    assertThat(infer.getInputType().getFullName()).isEqualTo("inference.ModelInferRequest");
    assertThat(infer.getOutputType().getFullName()).isEqualTo("inference.ModelInferResponse");
    assertThat(GRPCInferenceServiceGrpc.SERVICE_NAME).isEqualTo("inference.GRPCInferenceService");
    assertThat(GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName())
        .isEqualTo("inference.GRPCInferenceService/ModelInfer");
  }

  @Test
  void theEventIsInTheModelportEventsPackage() {
    assertThat(InferenceEvent.getDescriptor().getFullName())
        .isEqualTo("modelport.events.InferenceEvent");
  }
}

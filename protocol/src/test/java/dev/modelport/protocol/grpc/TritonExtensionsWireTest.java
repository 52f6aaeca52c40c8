package dev.modelport.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the field numbers and types of Triton's extension messages (grpc_service.proto and
 * model_config.proto), which tritonclient and perf_analyzer send and parse.
 */
class TritonExtensionsWireTest {

  private static final Map<String, Descriptor> MESSAGES =
      Map.ofEntries(
          Map.entry("RepositoryIndexRequest", RepositoryIndexRequest.getDescriptor()),
          Map.entry("RepositoryIndexResponse", RepositoryIndexResponse.getDescriptor()),
          Map.entry("ModelIndex", RepositoryIndexResponse.ModelIndex.getDescriptor()),
          Map.entry("RepositoryModelLoadRequest", RepositoryModelLoadRequest.getDescriptor()),
          Map.entry("RepositoryModelUnloadRequest", RepositoryModelUnloadRequest.getDescriptor()),
          Map.entry("ModelRepositoryParameter", ModelRepositoryParameter.getDescriptor()),
          Map.entry("ModelConfigRequest", ModelConfigRequest.getDescriptor()),
          Map.entry("ModelConfigResponse", ModelConfigResponse.getDescriptor()),
          Map.entry("ModelConfig", ModelConfig.getDescriptor()),
          Map.entry("ModelInput", ModelInput.getDescriptor()),
          Map.entry("ModelOutput", ModelOutput.getDescriptor()),
          Map.entry("ModelDynamicBatching", ModelDynamicBatching.getDescriptor()),
          Map.entry("ModelStatisticsRequest", ModelStatisticsRequest.getDescriptor()),
          Map.entry("ModelStatisticsResponse", ModelStatisticsResponse.getDescriptor()),
          Map.entry("ModelStatistics", ModelStatistics.getDescriptor()),
          Map.entry("InferStatistics", InferStatistics.getDescriptor()),
          Map.entry("InferBatchStatistics", InferBatchStatistics.getDescriptor()),
          Map.entry("StatisticDuration", StatisticDuration.getDescriptor()));

  @ParameterizedTest(name = "{0}.{1} = {2}")
  @CsvSource({
    "RepositoryIndexRequest, repository_name, 1, STRING",
    "RepositoryIndexRequest, ready, 2, BOOL",
    "RepositoryIndexResponse, models, 1, MESSAGE",
    "ModelIndex, name, 1, STRING",
    "ModelIndex, version, 2, STRING",
    "ModelIndex, state, 3, STRING",
    "ModelIndex, reason, 4, STRING",
    "RepositoryModelLoadRequest, repository_name, 1, STRING",
    "RepositoryModelLoadRequest, model_name, 2, STRING",
    "RepositoryModelLoadRequest, parameters, 3, MESSAGE",
    "RepositoryModelUnloadRequest, repository_name, 1, STRING",
    "RepositoryModelUnloadRequest, model_name, 2, STRING",
    "RepositoryModelUnloadRequest, parameters, 3, MESSAGE",
    "ModelRepositoryParameter, bool_param, 1, BOOL",
    "ModelRepositoryParameter, int64_param, 2, INT64",
    "ModelRepositoryParameter, string_param, 3, STRING",
    "ModelRepositoryParameter, bytes_param, 4, BYTES",
    "ModelConfigRequest, name, 1, STRING",
    "ModelConfigRequest, version, 2, STRING",
    "ModelConfigResponse, config, 1, MESSAGE",
    "ModelConfig, name, 1, STRING",
    "ModelConfig, platform, 2, STRING",
    "ModelConfig, max_batch_size, 4, INT32",
    "ModelConfig, input, 5, MESSAGE",
    "ModelConfig, output, 6, MESSAGE",
    "ModelConfig, dynamic_batching, 11, MESSAGE",
    "ModelConfig, backend, 17, STRING",
    "ModelInput, name, 1, STRING",
    "ModelInput, data_type, 2, ENUM",
    "ModelInput, dims, 4, INT64",
    "ModelOutput, name, 1, STRING",
    "ModelOutput, data_type, 2, ENUM",
    "ModelOutput, dims, 3, INT64",
    "ModelDynamicBatching, preferred_batch_size, 1, INT32",
    "ModelDynamicBatching, max_queue_delay_microseconds, 2, UINT64",
    "ModelStatisticsRequest, name, 1, STRING",
    "ModelStatisticsRequest, version, 2, STRING",
    "ModelStatisticsResponse, model_stats, 1, MESSAGE",
    "ModelStatistics, name, 1, STRING",
    "ModelStatistics, version, 2, STRING",
    "ModelStatistics, last_inference, 3, UINT64",
    "ModelStatistics, inference_count, 4, UINT64",
    "ModelStatistics, execution_count, 5, UINT64",
    "ModelStatistics, inference_stats, 6, MESSAGE",
    "ModelStatistics, batch_stats, 7, MESSAGE",
    "InferStatistics, success, 1, MESSAGE",
    "InferStatistics, fail, 2, MESSAGE",
    "InferStatistics, queue, 3, MESSAGE",
    "InferStatistics, compute_input, 4, MESSAGE",
    "InferStatistics, compute_infer, 5, MESSAGE",
    "InferStatistics, compute_output, 6, MESSAGE",
    "InferBatchStatistics, batch_size, 1, UINT64",
    "InferBatchStatistics, compute_input, 2, MESSAGE",
    "InferBatchStatistics, compute_infer, 3, MESSAGE",
    "InferBatchStatistics, compute_output, 4, MESSAGE",
    "StatisticDuration, count, 1, UINT64",
    "StatisticDuration, ns, 2, UINT64"
  })
  void fieldHasTritonsNumberAndType(String message, String field, int number, String type) {
    FieldDescriptor fd = MESSAGES.get(message).findFieldByName(field);
    assertThat(fd).as("%s.%s exists", message, field).isNotNull();
    assertThat(fd.getNumber()).isEqualTo(number);
    assertThat(fd.getType().name()).isEqualTo(type);
  }

  @Test
  void dataTypeEnumHasTritonsNumbers() {
    assertThat(DataType.TYPE_BOOL.getNumber()).isEqualTo(1);
    assertThat(DataType.TYPE_INT64.getNumber()).isEqualTo(9);
    assertThat(DataType.TYPE_FP16.getNumber()).isEqualTo(10);
    assertThat(DataType.TYPE_FP32.getNumber()).isEqualTo(11);
    assertThat(DataType.TYPE_STRING.getNumber()).isEqualTo(13);
  }

  @Test
  void theExtensionRpcsHaveTritonsNamesAndMessages() {
    assertThat(GRPCInferenceServiceGrpc.getRepositoryModelLoadMethod().getFullMethodName())
        .isEqualTo("inference.GRPCInferenceService/RepositoryModelLoad");
    MethodDescriptor index =
        GrpcPredictV2Proto.getDescriptor()
            .findServiceByName("GRPCInferenceService")
            .findMethodByName("RepositoryIndex");
    assertThat(index.getInputType().getFullName()).isEqualTo("inference.RepositoryIndexRequest");
    assertThat(index.getOutputType().getFullName()).isEqualTo("inference.RepositoryIndexResponse");
    assertThat(GRPCInferenceServiceGrpc.getModelConfigMethod().getFullMethodName())
        .isEqualTo("inference.GRPCInferenceService/ModelConfig");
    assertThat(GRPCInferenceServiceGrpc.getModelStatisticsMethod().getFullMethodName())
        .isEqualTo("inference.GRPCInferenceService/ModelStatistics");
  }
}

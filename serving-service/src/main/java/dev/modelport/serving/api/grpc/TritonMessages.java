package dev.modelport.serving.api.grpc;

import dev.modelport.protocol.grpc.InferBatchStatistics;
import dev.modelport.protocol.grpc.InferStatistics;
import dev.modelport.protocol.grpc.ModelConfig;
import dev.modelport.protocol.grpc.ModelDynamicBatching;
import dev.modelport.protocol.grpc.ModelInput;
import dev.modelport.protocol.grpc.ModelOutput;
import dev.modelport.protocol.grpc.ModelStatistics;
import dev.modelport.protocol.grpc.ModelStatisticsResponse;
import dev.modelport.protocol.grpc.RepositoryIndexResponse;
import dev.modelport.protocol.grpc.StatisticDuration;
import dev.modelport.protocol.rest.RepositoryIndexEntry;
import dev.modelport.serving.api.TritonModelConfig;
import dev.modelport.serving.api.TritonStatistics;
import dev.modelport.serving.statistics.Duration;
import java.util.List;

/**
 * Maps what the shared services answer for Triton's extensions (model configuration, statistics,
 * repository index) to the messages of Triton's {@code grpc_service.proto}. Stateless.
 */
final class TritonMessages {

  private TritonMessages() {}

  static RepositoryIndexResponse index(List<RepositoryIndexEntry> entries) {
    RepositoryIndexResponse.Builder b = RepositoryIndexResponse.newBuilder();
    for (RepositoryIndexEntry e : entries) {
      RepositoryIndexResponse.ModelIndex.Builder m =
          RepositoryIndexResponse.ModelIndex.newBuilder().setName(e.name()).setState(e.state());
      if (e.version() != null) {
        m.setVersion(e.version());
      }
      if (e.reason() != null) {
        m.setReason(e.reason());
      }
      b.addModels(m);
    }
    return b.build();
  }

  static ModelConfig config(TritonModelConfig c) {
    ModelConfig.Builder b =
        ModelConfig.newBuilder()
            .setName(c.name())
            .setPlatform(c.platform())
            .setBackend(c.backend())
            .setMaxBatchSize(c.maxBatchSize());
    for (TritonModelConfig.Tensor t : c.input()) {
      b.addInput(
          ModelInput.newBuilder()
              .setName(t.name())
              .setDataType(dataType(t.dataType()))
              .addAllDims(t.dims()));
    }
    for (TritonModelConfig.Tensor t : c.output()) {
      b.addOutput(
          ModelOutput.newBuilder()
              .setName(t.name())
              .setDataType(dataType(t.dataType()))
              .addAllDims(t.dims()));
    }
    if (c.dynamicBatching() != null) {
      b.setDynamicBatching(
          ModelDynamicBatching.newBuilder()
              .addAllPreferredBatchSize(c.dynamicBatching().preferredBatchSize())
              .setMaxQueueDelayMicroseconds(c.dynamicBatching().maxQueueDelayMicroseconds()));
    }
    return b.build();
  }

  static ModelStatisticsResponse statistics(TritonStatistics.Response r) {
    ModelStatisticsResponse.Builder b = ModelStatisticsResponse.newBuilder();
    for (TritonStatistics.ModelStats m : r.modelStats()) {
      TritonStatistics.InferenceStats i = m.inferenceStats();
      ModelStatistics.Builder s =
          ModelStatistics.newBuilder()
              .setName(m.name())
              .setVersion(m.version())
              .setLastInference(m.lastInference())
              .setInferenceCount(m.inferenceCount())
              .setExecutionCount(m.executionCount())
              .setInferenceStats(
                  InferStatistics.newBuilder()
                      .setSuccess(duration(i.success()))
                      .setFail(duration(i.fail()))
                      .setQueue(duration(i.queue()))
                      .setComputeInput(duration(i.computeInput()))
                      .setComputeInfer(duration(i.computeInfer()))
                      .setComputeOutput(duration(i.computeOutput())));
      for (TritonStatistics.BatchStats batch : m.batchStats()) {
        s.addBatchStats(
            InferBatchStatistics.newBuilder()
                .setBatchSize(batch.batchSize())
                .setComputeInput(duration(batch.computeInput()))
                .setComputeInfer(duration(batch.computeInfer()))
                .setComputeOutput(duration(batch.computeOutput())));
      }
      b.addModelStats(s);
    }
    return b.build();
  }

  private static StatisticDuration duration(Duration.Snapshot d) {
    return StatisticDuration.newBuilder().setCount(d.count()).setNs(d.ns()).build();
  }

  private static dev.modelport.protocol.grpc.DataType dataType(String tritonName) {
    return dev.modelport.protocol.grpc.DataType.valueOf(tritonName);
  }
}

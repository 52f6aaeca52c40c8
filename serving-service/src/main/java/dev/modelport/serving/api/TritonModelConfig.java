package dev.modelport.serving.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.serving.batching.BatchPolicy;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.ModelRuntime;
import dev.modelport.serving.lifecycle.ServedVersion;
import dev.modelport.serving.model.ModelFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A served version described as Triton's model configuration (the {@code model_configuration}
 * extension): REST writes this record as JSON in Triton's shape ({@code max_batch_size}, {@code
 * input[].data_type = "TYPE_FP32"}, ...), gRPC maps it to {@code inference.ModelConfig}. When
 * {@code max_batch_size} is above 0 the dims leave out the batch dimension, as Triton's do.
 *
 * @param name model name
 * @param platform Triton's platform name
 * @param backend Triton's backend name
 * @param maxBatchSize most rows one engine call takes; 0 when requests never join
 * @param input the inputs
 * @param output the outputs
 * @param dynamicBatching the batching settings; null when requests never join
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TritonModelConfig(
    String name,
    String platform,
    String backend,
    @JsonProperty("max_batch_size") int maxBatchSize,
    List<Tensor> input,
    List<Tensor> output,
    @JsonProperty("dynamic_batching") DynamicBatching dynamicBatching) {

  /**
   * One input or output.
   *
   * @param name tensor name
   * @param dataType Triton's type name ({@code TYPE_FP32}; {@code TYPE_STRING} for BYTES)
   * @param dims the shape, without the batch dimension when the model batches
   */
  public record Tensor(String name, @JsonProperty("data_type") String dataType, List<Long> dims) {}

  /**
   * Triton's {@code dynamic_batching} section.
   *
   * @param preferredBatchSize batch sizes dispatched at once
   * @param maxQueueDelayMicroseconds how long the oldest request may wait for others
   */
  public record DynamicBatching(
      @JsonProperty("preferred_batch_size") List<Integer> preferredBatchSize,
      @JsonProperty("max_queue_delay_microseconds") long maxQueueDelayMicroseconds) {}

  /** The configuration of the requested version (or the default); 404 unknown, 503 not ready. */
  public static TritonModelConfig of(
      ModelManager models, String name, Optional<VersionNumber> version) {
    ServedVersion v = models.find(name, version);
    ModelRuntime runtime = v.readyRuntime();
    BatchPolicy policy = runtime.batcher().policy();
    boolean batches = policy.joinRequests();
    return new TritonModelConfig(
        name,
        ModelDescriptions.platform(v.artifact().format()),
        v.artifact().format() == ModelFormat.ONNX ? "onnxruntime" : "pytorch",
        batches ? policy.maxBatchSize() : 0,
        runtime.signature().inputs().stream().map(s -> tensor(s, batches)).toList(),
        runtime.signature().outputs().stream().map(s -> tensor(s, batches)).toList(),
        batches
            ? new DynamicBatching(
                policy.preferredBatchSizes(),
                TimeUnit.NANOSECONDS.toMicros(policy.maxQueueDelayNanos()))
            : null);
  }

  /** Triton's DataType name of a V2 datatype. */
  public static String tritonType(DataType type) {
    return type == DataType.BYTES ? "TYPE_STRING" : "TYPE_" + type.name();
  }

  private static Tensor tensor(TensorSpec spec, boolean batches) {
    long[] shape = spec.shape();
    int from = batches && shape.length > 0 ? 1 : 0;
    return new Tensor(
        spec.name(),
        tritonType(spec.datatype()),
        Arrays.stream(shape, from, shape.length).boxed().toList());
  }
}

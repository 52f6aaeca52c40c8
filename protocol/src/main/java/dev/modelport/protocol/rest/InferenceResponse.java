package dev.modelport.protocol.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelport.protocol.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A V2 REST inference response. Write it with {@link InferenceJsonEncoder} (binary extension) or
 * any Jackson mapper; read it with {@link InferenceJsonDecoder}.
 *
 * @param modelName model that answered
 * @param modelVersion version that answered
 * @param id the request's id, if it had one
 * @param parameters optional response parameters
 * @param outputs output tensors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InferenceResponse(
    @JsonProperty("model_name") String modelName,
    @JsonProperty("model_version") String modelVersion,
    String id,
    Map<String, Object> parameters,
    List<ResponseOutput> outputs) {

  /** The outputs as tensors, in response order. */
  public List<Tensor> outputTensors() {
    return outputs.stream().map(ResponseOutput::toTensor).toList();
  }
}

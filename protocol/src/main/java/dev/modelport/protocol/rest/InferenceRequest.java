package dev.modelport.protocol.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelport.protocol.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A V2 REST inference request ({@code POST /v2/models/{m}/infer}). Read it with {@link
 * InferenceJsonDecoder} (binary extension, limits, protocol errors) or any Jackson mapper.
 *
 * @param id optional request id, echoed in the response
 * @param parameters optional request parameters ({@code binary_data_output}, ...)
 * @param inputs input tensors
 * @param outputs optional requested outputs; null or empty means all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InferenceRequest(
    String id,
    Map<String, Object> parameters,
    List<RequestInput> inputs,
    List<RequestOutput> outputs) {

  /** The inputs as tensors, in request order. */
  public List<Tensor> inputTensors() {
    return inputs.stream().map(RequestInput::toTensor).toList();
  }
}

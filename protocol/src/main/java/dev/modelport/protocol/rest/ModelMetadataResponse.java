package dev.modelport.protocol.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Answer of {@code GET /v2/models/{m}[/versions/{v}]}.
 *
 * @param name model name
 * @param versions versions available
 * @param platform model platform ({@code onnxruntime_onnx}, {@code pytorch_torchscript})
 * @param inputs input signature
 * @param outputs output signature
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadataResponse(
    String name,
    List<String> versions,
    String platform,
    List<TensorMetadata> inputs,
    List<TensorMetadata> outputs) {

  /**
   * One tensor of a model signature.
   *
   * @param name tensor name
   * @param datatype datatype name ({@code FP32})
   * @param shape dimensions; -1 for a variable dimension
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TensorMetadata(String name, String datatype, long[] shape) {}
}

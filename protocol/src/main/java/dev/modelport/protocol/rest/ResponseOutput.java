package dev.modelport.protocol.rest;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorRole;
import java.util.Map;

/**
 * An output tensor of a V2 inference response, streamed like {@link RequestInput}.
 *
 * @param name tensor name
 * @param shape dimensions
 * @param datatype element type
 * @param parameters optional parameters, may be null
 * @param data primitive array (see {@link JsonTensor#data()}), null while in the binary part
 */
@JsonSerialize(using = JsonTensorSerializer.class)
@JsonDeserialize(using = ResponseOutput.Deserializer.class)
public record ResponseOutput(
    String name, long[] shape, DataType datatype, Map<String, Object> parameters, Object data)
    implements JsonTensor {

  /** The output carrying {@code tensor}, without parameters. */
  public static ResponseOutput of(Tensor tensor) {
    return new ResponseOutput(
        tensor.name(), tensor.shape(), tensor.datatype(), null, tensor.data());
  }

  /** Reads response outputs; see {@link JsonTensorDeserializer}. */
  static final class Deserializer extends JsonTensorDeserializer<ResponseOutput> {
    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(ResponseOutput.class, TensorRole.OUTPUT, ResponseOutput::new);
    }
  }
}

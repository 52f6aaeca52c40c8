package dev.modelport.protocol.rest;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorRole;
import java.util.Map;

/**
 * An input tensor of a V2 inference request. Serialised and deserialised by the streaming {@link
 * JsonTensorSerializer}/{@link JsonTensorDeserializer}: {@code data} goes straight between JSON and
 * the primitive array, never through boxed lists.
 *
 * @param name tensor name
 * @param shape dimensions
 * @param datatype element type
 * @param parameters optional parameters, may be null
 * @param data primitive array (see {@link JsonTensor#data()}), null while in the binary part
 */
@JsonSerialize(using = JsonTensorSerializer.class)
@JsonDeserialize(using = RequestInput.Deserializer.class)
public record RequestInput(
    String name, long[] shape, DataType datatype, Map<String, Object> parameters, Object data)
    implements JsonTensor {

  /** The input carrying {@code tensor}, without parameters. */
  public static RequestInput of(Tensor tensor) {
    return new RequestInput(tensor.name(), tensor.shape(), tensor.datatype(), null, tensor.data());
  }

  /** Reads request inputs; see {@link JsonTensorDeserializer}. */
  static final class Deserializer extends JsonTensorDeserializer<RequestInput> {
    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(RequestInput.class, TensorRole.INPUT, RequestInput::new);
    }
  }
}

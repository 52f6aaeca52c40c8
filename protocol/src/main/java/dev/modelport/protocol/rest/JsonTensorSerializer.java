package dev.modelport.protocol.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.modelport.protocol.codec.JsonTensorEncoder;
import java.io.IOException;

/**
 * Writes a {@link JsonTensor} as {@code {"name", "datatype", "shape", "parameters", "data"}}, data
 * last (so a streaming reader has the shape before the values) and omitted when null. Stateless.
 */
public final class JsonTensorSerializer extends StdSerializer<JsonTensor> {

  private static final long serialVersionUID = 1L;

  public JsonTensorSerializer() {
    super(JsonTensor.class);
  }

  @Override
  public void serialize(JsonTensor tensor, JsonGenerator g, SerializerProvider provider)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", tensor.name());
    g.writeStringField("datatype", tensor.datatype().name());
    g.writeFieldName("shape");
    g.writeArray(tensor.shape(), 0, tensor.shape().length);
    if (tensor.parameters() != null) {
      provider.defaultSerializeField("parameters", tensor.parameters(), g);
    }
    if (tensor.data() != null) {
      g.writeFieldName("data");
      JsonTensorEncoder.writeData(g, tensor.toTensor());
    }
    g.writeEndObject();
  }
}

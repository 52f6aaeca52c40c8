package dev.modelport.protocol.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.modelport.protocol.codec.JsonTensorDecoder;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@link JsonTensor} object, decoding {@code data} with {@link JsonTensorDecoder} straight
 * into a primitive array when {@code name}, {@code datatype} and {@code shape} come before it (as
 * every known client writes them); otherwise {@code data} is buffered as tokens first.
 *
 * <p>The element limit is the {@link TensorLimits} stored as the deserialization attribute keyed
 * {@code TensorLimits.class} ({@code reader.withAttribute(TensorLimits.class, limits)}), else
 * {@link TensorLimits#DEFAULT}. Problems are thrown as {@link TensorFormatException}, which Jackson
 * wraps in a {@code JsonMappingException} unless {@code WRAP_EXCEPTIONS} is disabled; {@link
 * InferenceJsonDecoder} unwraps them. Unknown members are skipped. A tensor without {@code data}
 * must have the {@link JsonTensor#BINARY_DATA_SIZE} parameter, and then its data is null.
 *
 * @param <T> the tensor record built
 */
public abstract class JsonTensorDeserializer<T extends JsonTensor> extends StdDeserializer<T> {

  private static final long serialVersionUID = 1L;

  /** Builds the record from its parts. */
  @FunctionalInterface
  protected interface Factory<T> {
    T create(
        String name, long[] shape, DataType datatype, Map<String, Object> parameters, Object data);
  }

  private final TensorRole role;
  private final Factory<T> factory;

  protected JsonTensorDeserializer(Class<T> type, TensorRole role, Factory<T> factory) {
    super(type);
    this.role = role;
    this.factory = factory;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    Object limitsAttribute = ctxt.getAttribute(TensorLimits.class);
    TensorLimits limits = limitsAttribute instanceof TensorLimits l ? l : TensorLimits.DEFAULT;
    int index = indexInArray(p);
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw TensorFormatException.atIndex(
          role, index, "expected an object, got " + describe(p, p.currentToken()));
    }
    String name = null;
    String datatypeText = null;
    long[] shape = null;
    Map<String, Object> parameters = null;
    Object data = null;
    TokenBuffer buffered = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      switch (field) {
        case "name":
          name = string(p, t, index, name, "name");
          break;
        case "datatype":
          datatypeText = string(p, t, index, name, "datatype");
          break;
        case "shape":
          shape = shape(p, t, index, name);
          break;
        case "parameters":
          parameters = parameters(p, t, ctxt, index, name);
          break;
        case "data":
          if (t == JsonToken.VALUE_NULL) {
            break;
          }
          if (name != null && datatypeText != null && shape != null) {
            data =
                new JsonTensorDecoder(role, limits)
                    .decode(p, name, datatype(datatypeText, name), shape)
                    .data();
          } else {
            try {
              buffered = ctxt.bufferAsCopyOfValue(p);
            } catch (JsonParseException e) {
              throw problem(index, name, "malformed JSON in data: " + e.getOriginalMessage());
            }
          }
          break;
        default:
          p.skipChildren();
      }
    }
    if (name == null) {
      throw TensorFormatException.atIndex(role, index, "missing field 'name'");
    }
    if (datatypeText == null) {
      throw new TensorFormatException(role, name, "missing field 'datatype'");
    }
    DataType datatype = datatype(datatypeText, name);
    if (shape == null) {
      throw new TensorFormatException(role, name, "missing field 'shape'");
    }
    if (buffered != null) {
      try (JsonParser bp = buffered.asParser(p.getCodec())) {
        bp.nextToken();
        data = new JsonTensorDecoder(role, limits).decode(bp, name, datatype, shape).data();
      }
    }
    boolean binary = parameters != null && parameters.containsKey(JsonTensor.BINARY_DATA_SIZE);
    if (binary && data != null) {
      throw new TensorFormatException(
          role,
          name,
          "has both 'data' and the " + JsonTensor.BINARY_DATA_SIZE + " parameter; use one");
    }
    if (!binary && data == null) {
      throw new TensorFormatException(role, name, "missing field 'data'");
    }
    return factory.create(name, shape, datatype, parameters, data);
  }

  private DataType datatype(String text, String name) {
    try {
      return DataType.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TensorFormatException(role, name, e.getMessage());
    }
  }

  private String string(JsonParser p, JsonToken t, int index, String name, String field)
      throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw problem(index, name, "'" + field + "' must be a string, got " + describe(p, t));
    }
    return p.getText();
  }

  private long[] shape(JsonParser p, JsonToken t, int index, String name) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw problem(index, name, "'shape' must be an array of integers, got " + describe(p, t));
    }
    long[] dims = new long[4];
    int n = 0;
    for (JsonToken d = p.nextToken(); d != JsonToken.END_ARRAY; d = p.nextToken()) {
      if (d != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw problem(
            index,
            name,
            "'shape' must be an array of integers, got "
                + (d == JsonToken.VALUE_NUMBER_INT
                    ? "number " + p.getText() + " (too large)"
                    : describe(p, d))
                + " at shape["
                + n
                + "]");
      }
      if (n == dims.length) {
        dims = Arrays.copyOf(dims, n * 2);
      }
      dims[n++] = p.getLongValue();
    }
    return Arrays.copyOf(dims, n);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parameters(
      JsonParser p, JsonToken t, DeserializationContext ctxt, int index, String name)
      throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw problem(index, name, "'parameters' must be an object, got " + describe(p, t));
    }
    return ctxt.readValue(p, LinkedHashMap.class);
  }

  private TensorFormatException problem(int index, String name, String problem) {
    return name == null
        ? TensorFormatException.atIndex(role, index, problem)
        : new TensorFormatException(role, name, problem);
  }

  private static String describe(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      return "an object";
    }
    if (t == JsonToken.START_ARRAY) {
      return "an array";
    }
    return t == JsonToken.VALUE_STRING ? "string \"" + p.getText() + "\"" : p.getText();
  }

  private static int indexInArray(JsonParser p) {
    JsonStreamContext context = p.getParsingContext();
    JsonStreamContext parent = context == null ? null : context.getParent();
    return parent != null && parent.inArray() ? parent.getCurrentIndex() : 0;
  }
}

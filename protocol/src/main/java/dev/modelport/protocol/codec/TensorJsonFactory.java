package dev.modelport.protocol.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.IOException;

/**
 * The Jackson factory of the V2 JSON mapper: as {@link JsonFactory}, except that a parser over a
 * UTF-8 document in a byte array (no byte-order mark) lets {@link JsonTensorDecoder} read a
 * tensor's numeric {@code data} array straight from the bytes, at tens of millions of values a
 * second, instead of token by token. Whatever that fast reader does not accept as plain JSON
 * numbers of the expected count is read token by token as before, with the same results and
 * messages. Thread-safe, as every {@link JsonFactory}.
 */
public final class TensorJsonFactory extends JsonFactory {

  private static final long serialVersionUID = 1L;

  public TensorJsonFactory(JsonFactoryBuilder builder) {
    super(builder);
  }

  private TensorJsonFactory(TensorJsonFactory source) {
    super(source, null);
  }

  @Override
  public JsonFactory copy() {
    return new TensorJsonFactory(this);
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext context)
      throws IOException {
    if (!plainUtf8(data, offset, len)
        || !JsonFactory.Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
      return super._createParser(data, offset, len, context);
    }
    _streamReadConstraints.validateDocumentLength(len);
    return new ByteArrayJsonParser(
        context,
        _parserFeatures,
        _objectCodec,
        _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
        data,
        offset,
        offset + len);
  }

  /**
   * True when Jackson's encoding detection would find UTF-8 without a byte-order mark: the first
   * four bytes are not zero (UTF-16 and UTF-32 put zeros there for ASCII) and none starts a mark.
   */
  private static boolean plainUtf8(byte[] data, int offset, int len) {
    if (len < 4) {
      return false;
    }
    for (int i = offset; i < offset + 4; i++) {
      if (data[i] == 0) {
        return false;
      }
    }
    int first = data[offset] & 0xFF;
    return first != 0xEF && first != 0xFE && first != 0xFF;
  }
}

package dev.modelport.protocol.codec;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

/**
 * Jackson's UTF-8 parser over a document held whole in a byte array, which lets {@link
 * JsonTensorDecoder} read a tensor's data array straight from the bytes ({@link
 * JsonNumberArrayReader}) and then move the parser past it. Created by {@link TensorJsonFactory};
 * one per document, not thread-safe (as every Jackson parser).
 */
final class ByteArrayJsonParser extends UTF8StreamJsonParser {

  ByteArrayJsonParser(
      IOContext context,
      int features,
      ObjectCodec codec,
      ByteQuadsCanonicalizer symbols,
      byte[] document,
      int start,
      int end) {
    super(context, features, null, codec, symbols, document, start, end, 0, false);
  }

  /** The document; never written. */
  byte[] buffer() {
    return _inputBuffer;
  }

  /** Index of the next unread byte: just after the current token. */
  int position() {
    return _inputPtr;
  }

  /** Index just past the document's last byte. */
  int end() {
    return _inputEnd;
  }

  /**
   * Moves the parser to {@code position}, which must be inside the array that the current {@code
   * START_ARRAY} opened, on its closing bracket, so that the next token is that array's {@code
   * END_ARRAY}. {@code newlines} line breaks were skipped, the last one ending at {@code lineStart}
   * (kept for Jackson's error locations).
   */
  void skipTo(int position, int newlines, int lineStart) {
    _inputPtr = position;
    if (newlines > 0) {
      _currInputRow += newlines;
      _currInputRowStart = lineStart;
    }
  }
}

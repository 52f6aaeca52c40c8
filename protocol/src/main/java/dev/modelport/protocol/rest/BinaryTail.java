package dev.modelport.protocol.rest;

import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The bytes after the JSON header of a body using the binary tensor extension, handed out tensor by
 * tensor in order. Not thread-safe: one per body being decoded.
 */
abstract class BinaryTail {

  final String what;

  private BinaryTail(String what) {
    this.what = what;
  }

  /** The tail of an in-memory body, from {@code start}; buffers handed out share the array. */
  static BinaryTail of(String what, byte[] body, int start) {
    return new OfArray(what, body, start);
  }

  /** The rest of a stream, read as needed; the caller closes it. */
  static BinaryTail of(String what, InputStream in) {
    return new OfStream(what, in);
  }

  /** The next {@code size} bytes, for the tensor {@code name}. */
  abstract ByteBuffer next(TensorRole role, String name, int size);

  /** Fails if bytes remain that no tensor claimed. */
  abstract void expectEnd();

  TensorFormatException pastEnd(TensorRole role, String name, int size, int left) {
    return new TensorFormatException(
        role,
        name,
        "binary_data_size " + size + " goes past the end of the body (" + left + " bytes left)");
  }

  TensorFormatException unclaimed(String count) {
    return TensorFormatException.ofMessage(
        what,
        count + "bytes after the JSON and binary data that no tensor's binary_data_size claims",
        null);
  }

  private static final class OfArray extends BinaryTail {
    private final byte[] body;
    private int position;

    OfArray(String what, byte[] body, int start) {
      super(what);
      this.body = body;
      this.position = start;
    }

    @Override
    ByteBuffer next(TensorRole role, String name, int size) {
      int left = body.length - position;
      if (size > left) {
        throw pastEnd(role, name, size, left);
      }
      ByteBuffer slice = ByteBuffer.wrap(body, position, size);
      position += size;
      return slice;
    }

    @Override
    void expectEnd() {
      if (position != body.length) {
        throw unclaimed((body.length - position) + " ");
      }
    }
  }

  private static final class OfStream extends BinaryTail {
    private final InputStream in;

    OfStream(String what, InputStream in) {
      super(what);
      this.in = in;
    }

    @Override
    ByteBuffer next(TensorRole role, String name, int size) {
      try {
        // readNBytes grows its buffer as bytes arrive, so a false size cannot force a big
        // allocation.
        byte[] bytes = in.readNBytes(size);
        if (bytes.length < size) {
          throw pastEnd(role, name, size, bytes.length);
        }
        return ByteBuffer.wrap(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void expectEnd() {
      try {
        if (in.read() != -1) {
          throw unclaimed("");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

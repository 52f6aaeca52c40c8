package dev.modelport.registry.version;

import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.error.StorageException;
import dev.modelport.registry.storage.BlobStore;
import dev.modelport.registry.storage.StoredBlob;
import dev.modelport.registryclient.api.ArtifactFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses an artifact that is not a file of its declared format, judged by the format's signature
 * (reading a few KiB of the stored blob, never the whole of it):
 *
 * <ul>
 *   <li><b>ONNX</b>: a protobuf {@code ModelProto}. The file must start with field 1 ({@code
 *       ir_version}, tag byte {@code 0x08}) holding a varint from 1 to 100, as every ONNX writer
 *       emits it first, and its first fields (up to 8, within the first 64 KiB) must be well-formed
 *       protobuf: valid wire types and lengths that fit inside the file.
 *   <li><b>TorchScript</b>: a zip archive ({@code PK\x03\x04} at offset 0) whose central directory
 *       lists {@code <folder>/data.pkl} or an entry under {@code <folder>/code/}.
 * </ul>
 *
 * A 0-byte artifact is never valid. Failures are a 400 on field {@code artifact} naming the
 * expected format. Thread-safe.
 */
@ApplicationScoped
public class ArtifactFormatCheck {
  private static final int HEAD = 64 * 1024;
  private static final int MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024;

  private final BlobStore blobs;

  @Inject
  ArtifactFormatCheck(BlobStore blobs) {
    this.blobs = blobs;
  }

  void check(ArtifactFormat format, StoredBlob blob) {
    if (blob.size() == 0) {
      throw new InvalidInputException(
          "artifact", "is empty (0 bytes); expected " + expected(format));
    }
    try {
      boolean valid =
          switch (format) {
            case ONNX -> isOnnx(read(blob, 0, (int) Math.min(HEAD, blob.size())), blob.size());
            case TORCHSCRIPT -> isTorchScript(blob);
          };
      if (!valid) {
        throw new InvalidInputException(
            "artifact",
            "is not a valid " + format.wireName() + " file; expected " + expected(format));
      }
    } catch (IOException e) {
      throw new StorageException("cannot read the stored artifact: " + e.getMessage(), e);
    }
  }

  private static String expected(ArtifactFormat format) {
    return switch (format) {
      case ONNX -> "an ONNX model (a protobuf ModelProto starting with its ir_version field)";
      case TORCHSCRIPT -> "a TorchScript archive (a zip with <folder>/data.pkl or <folder>/code/)";
    };
  }

  /**
   * The ONNX rule of the class comment over the first bytes {@code head} of a file of {@code size}.
   */
  static boolean isOnnx(byte[] head, long size) {
    ByteBuffer in = ByteBuffer.wrap(head);
    if (head.length < 2 || head[0] != 0x08) {
      return false;
    }
    for (int field = 0; field < 8 && in.hasRemaining(); field++) {
      long tag = varint(in);
      if (tag < 0) {
        return false;
      }
      int number = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (number == 0) {
        return false;
      }
      switch (wireType) {
        case 0 -> {
          long value = varint(in);
          if (value < 0 || (field == 0 && (value < 1 || value > 100))) {
            return false;
          }
        }
        case 1 -> {
          if (!skip(in, 8, size)) {
            return false;
          }
        }
        case 2 -> {
          long length = varint(in);
          if (length < 0 || in.position() + length > size) {
            return false;
          }
          if (!skip(in, length, size)) {
            return true; // the field runs past the bytes read; it fits inside the file
          }
        }
        case 5 -> {
          if (!skip(in, 4, size)) {
            return false;
          }
        }
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean skip(ByteBuffer in, long n, long size) {
    if (in.position() + n > in.limit()) {
      return false;
    }
    in.position((int) (in.position() + n));
    return true;
  }

  /** A protobuf varint, or -1 when malformed or cut off. */
  private static long varint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!in.hasRemaining()) {
        return -1;
      }
      byte b = in.get();
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    return -1;
  }

  private boolean isTorchScript(StoredBlob blob) throws IOException {
    long size = blob.size();
    byte[] start = read(blob, 0, (int) Math.min(4, size));
    if (start.length < 4
        || start[0] != 'P'
        || start[1] != 'K'
        || start[2] != 3
        || start[3] != 4
        || size < 22) {
      return false;
    }
    int tailLength = (int) Math.min(size, 0xFFFF + 22 + 20);
    long tailStart = size - tailLength;
    ByteBuffer tail =
        ByteBuffer.wrap(read(blob, tailStart, tailLength)).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = -1;
    for (int i = tailLength - 22; i >= 0; i--) {
      if (tail.getInt(i) == 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      return false;
    }
    long cdSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
    long cdOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
    if (cdOffset == 0xFFFFFFFFL || cdSize == 0xFFFFFFFFL) {
      // zip64: the locator just before the end record points at the zip64 end record
      if (eocd < 20 || tail.getInt(eocd - 20) != 0x07064b50) {
        return false;
      }
      long zip64End = tail.getLong(eocd - 20 + 8);
      if (zip64End < 0 || zip64End + 56 > size) {
        return false;
      }
      ByteBuffer end = ByteBuffer.wrap(read(blob, zip64End, 56)).order(ByteOrder.LITTLE_ENDIAN);
      if (end.getInt(0) != 0x06064b50) {
        return false;
      }
      cdSize = end.getLong(40);
      cdOffset = end.getLong(48);
    }
    if (cdSize <= 0 || cdSize > MAX_CENTRAL_DIRECTORY || cdOffset < 0 || cdOffset + cdSize > size) {
      return false;
    }
    ByteBuffer cd =
        ByteBuffer.wrap(read(blob, cdOffset, (int) cdSize)).order(ByteOrder.LITTLE_ENDIAN);
    int at = 0;
    while (at + 46 <= cd.limit() && cd.getInt(at) == 0x02014b50) {
      int nameLength = Short.toUnsignedInt(cd.getShort(at + 28));
      int extraLength = Short.toUnsignedInt(cd.getShort(at + 30));
      int commentLength = Short.toUnsignedInt(cd.getShort(at + 32));
      if (at + 46 + nameLength > cd.limit()) {
        return false;
      }
      String name = new String(cd.array(), at + 46, nameLength, StandardCharsets.UTF_8);
      if (isTorchScriptEntry(name)) {
        return true;
      }
      at += 46 + nameLength + extraLength + commentLength;
    }
    return false;
  }

  static boolean isTorchScriptEntry(String name) {
    int slash = name.indexOf('/');
    if (slash <= 0) {
      return false;
    }
    String inFolder = name.substring(slash + 1);
    return inFolder.equals("data.pkl") || inFolder.startsWith("code/");
  }

  private byte[] read(StoredBlob blob, long offset, int length) throws IOException {
    try (InputStream in = blobs.open(blob.sha256(), offset, length)) {
      return in.readNBytes(length);
    }
  }
}

package dev.modelport.registry.storage;

import dev.modelport.registry.error.PayloadTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes what is read through it with SHA-256, counts the bytes and fails once more than {@code
 * maxSize} were read. Not thread-safe.
 */
final class LimitedDigestInputStream extends FilterInputStream {
  private final MessageDigest digest = Sha256.newDigest();
  private final long maxSize;
  private long count;

  LimitedDigestInputStream(InputStream in, long maxSize) {
    super(in);
    this.maxSize = maxSize;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      digest.update((byte) b);
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      digest.update(buffer, offset, n);
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) {
    throw new UnsupportedOperationException("skipping would leave bytes unhashed");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() {
    // the caller owns the underlying stream
  }

  private void counted(long n) {
    count += n;
    if (count > maxSize) {
      throw new PayloadTooLargeException(
          "artifact exceeds the upload limit of " + maxSize + " bytes");
    }
  }

  long count() {
    return count;
  }

  Sha256 sha256() {
    return Sha256.of(digest);
  }
}

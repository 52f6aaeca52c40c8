package dev.modelport.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed storage of artifact bytes, keyed by SHA-256.
 *
 * <p>Implementations are thread-safe. {@link #put} streams with memory bounded independently of the
 * blob size, writes under a temporary name, verifies and only then commits the blob under its
 * digest: a failed or refused put leaves nothing behind, and a committed blob is always complete.
 */
public interface BlobStore {

  /**
   * Stores {@code content} (read to its end, not closed).
   *
   * @param expected declared digest; when the content hashes differently nothing is stored and an
   *     {@code InvalidInputException} on field {@code sha256} is thrown
   * @param maxSize largest accepted size; beyond it nothing is stored and a {@code
   *     PayloadTooLargeException} is thrown
   */
  StoredBlob put(InputStream content, Optional<Sha256> expected, long maxSize) throws IOException;

  /** Size of the stored blob, or empty when there is none. */
  Optional<Long> size(Sha256 digest) throws IOException;

  /**
   * Opens {@code length} bytes of the blob from {@code offset}; the caller closes the stream.
   *
   * @throws java.nio.file.NoSuchFileException when there is no such blob
   */
  InputStream open(Sha256 digest, long offset, long length) throws IOException;

  /** Deletes the blob; false when there was none. */
  boolean delete(Sha256 digest) throws IOException;

  /** All committed blobs (for maintenance and tests; cost grows with the store). */
  List<Sha256> list() throws IOException;

  /**
   * When the blob was stored or last re-used by a {@link #put} of the same bytes (its age protects
   * a blob that a version is about to reference from the clean-up); empty when there is none.
   */
  Optional<Instant> storedAt(Sha256 digest) throws IOException;

  /**
   * Deletes uncommitted temporaries (left by a crash during a put) last written before {@code
   * cutoff}.
   */
  Freed deleteTemporariesBefore(Instant cutoff) throws IOException;

  /** Number of uncommitted temporary objects (0 unless a put is in progress or crashed). */
  int pendingCount() throws IOException;
}

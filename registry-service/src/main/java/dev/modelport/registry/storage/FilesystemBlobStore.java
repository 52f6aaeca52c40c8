package dev.modelport.registry.storage;

import dev.modelport.registry.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blobs as files {@code <root>/sha256/<first two hex>/<hex>}; puts go to {@code <root>/tmp/} first,
 * are fsync'ed and then renamed atomically into place, and the rename is fsync'ed too. Paths derive
 * only from validated digests. Thread-safe: concurrent puts of the same content race harmlessly on
 * the final rename.
 */
public final class FilesystemBlobStore implements BlobStore {
  private static final int BUFFER = 64 * 1024;

  private final Path blobs;
  private final Path tmp;

  public FilesystemBlobStore(Path root) throws IOException {
    this.blobs = Files.createDirectories(root.resolve("sha256"));
    this.tmp = Files.createDirectories(root.resolve("tmp"));
  }

  @Override
  public StoredBlob put(InputStream content, Optional<Sha256> expected, long maxSize)
      throws IOException {
    Path temp = tmp.resolve(UUID.randomUUID() + ".part");
    try {
      LimitedDigestInputStream in = new LimitedDigestInputStream(content, maxSize);
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        in.transferTo(out);
        channel.force(true);
      }
      Sha256 actual = in.sha256();
      if (expected.isPresent() && !expected.get().equals(actual)) {
        throw new InvalidInputException(
            "sha256", "declared " + expected.get() + " but the artifact hashes to " + actual);
      }
      Path target = path(actual);
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        touch(target);
        return new StoredBlob(actual, in.count(), false);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        return new StoredBlob(actual, in.count(), false);
      }
      syncDirectory(target.getParent());
      return new StoredBlob(actual, in.count(), true);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Optional<Long> size(Sha256 digest) throws IOException {
    Path path = path(digest);
    return Files.exists(path) ? Optional.of(Files.size(path)) : Optional.empty();
  }

  @Override
  public InputStream open(Sha256 digest, long offset, long length) throws IOException {
    FileChannel channel = FileChannel.open(path(digest), StandardOpenOption.READ);
    channel.position(offset);
    InputStream in = Channels.newInputStream(channel);
    return length < 0 ? in : new BoundedInputStream(in, length);
  }

  @Override
  public boolean delete(Sha256 digest) throws IOException {
    return Files.deleteIfExists(path(digest));
  }

  @Override
  public List<Sha256> list() throws IOException {
    List<Sha256> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(blobs)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> all.add(new Sha256(f.getFileName().toString())));
    }
    return all;
  }

  @Override
  public Optional<Instant> storedAt(Sha256 digest) throws IOException {
    Path path = path(digest);
    try {
      return Optional.of(Files.getLastModifiedTime(path).toInstant());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public Freed deleteTemporariesBefore(Instant cutoff) throws IOException {
    Freed freed = Freed.NOTHING;
    try (Stream<Path> files = Files.list(tmp)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        try {
          if (file.getFileName().toString().endsWith(".part")
              && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
            long size = Files.size(file);
            if (Files.deleteIfExists(file)) {
              freed = freed.plus(size);
            }
          }
        } catch (NoSuchFileException gone) {
          // finished or removed meanwhile
        }
      }
    }
    return freed;
  }

  /**
   * Makes the rename durable before a version may reference the blob (a power loss could otherwise
   * undo it); best effort where the platform cannot open a directory for sync.
   */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not supported on this platform: the file's own content is already on disk
    }
  }

  /** A re-used blob counts as new for the clean-up's grace period. */
  private static void touch(Path blob) {
    try {
      Files.setLastModifiedTime(blob, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // only shortens the blob's protection by the grace period if it becomes unreferenced
    }
  }

  @Override
  public int pendingCount() throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return (int) files.count();
    }
  }

  private Path path(Sha256 digest) {
    return blobs.resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
  }
}

package dev.modelport.serving.registry;

import dev.modelport.serving.model.ModelFormat;
import dev.modelport.serving.tracing.ServingTracer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Model artifacts on local disk, keyed by SHA-256: {@code <dir>/blobs/<sha256>.onnx|.pt} (the
 * extension tells the engines the format). A blob is written to {@code <dir>/tmp} first, hashed
 * while it is written, and moved into place atomically only when the hash matches; a blob is hashed
 * again before each use, so a file changed on disk is refused. Thread-safe: writers use unique
 * temporary files and the move is atomic.
 */
public final class ArtifactCache {

  private final Path blobs;
  private final Path tmp;
  private final ServingTracer tracer;

  public ArtifactCache(Path dir) {
    this(dir, ServingTracer.OFF);
  }

  /**
   * @param tracer makes the {@link ServingTracer#VERIFY} spans of the checksum checks
   */
  public ArtifactCache(Path dir, ServingTracer tracer) {
    this.blobs = dir.resolve("blobs");
    this.tmp = dir.resolve("tmp");
    this.tracer = tracer;
  }

  /** Where the blob of {@code sha256} lies (whether or not it is there). */
  public Path blob(String sha256, ModelFormat format) {
    String ext = format == ModelFormat.ONNX ? ".onnx" : ".pt";
    return blobs.resolve(sha256.toLowerCase(Locale.ROOT) + ext);
  }

  /**
   * The verified blob of {@code sha256}, fetched with {@code download} (which writes the bytes to
   * the stream it gets) when it is missing or no longer hashes to {@code sha256}.
   *
   * @param model the model the artifact is a version of, for the {@link ServingTracer#VERIFY} spans
   * @param version that version, for the spans
   * @throws ArtifactRefusedException when the bytes do not hash to {@code sha256}
   */
  public Path fetch(
      String model,
      Object version,
      String sha256,
      ModelFormat format,
      Function<OutputStream, ?> download) {
    Path target = blob(sha256, format);
    if (tracer.step(ServingTracer.VERIFY, model, version, () -> verified(target, sha256))) {
      return target;
    }
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(tmp);
      Path part = tmp.resolve(UUID.randomUUID() + ".part");
      try {
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
          download.apply(out);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        tracer.step(
            ServingTracer.VERIFY,
            model,
            version,
            () -> {
              if (!actual.equalsIgnoreCase(sha256)) {
                throw new ArtifactRefusedException(
                    "checksum mismatch: the registry announced sha256 "
                        + sha256
                        + ", the bytes hash to "
                        + actual);
              }
            });
        Files.move(
            part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the serving cache " + blobs, e);
    }
  }

  /** True when {@code file} exists and hashes to {@code sha256}. */
  public static boolean verified(Path file, String sha256) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = sha256();
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(sha256);
    } catch (IOException e) {
      return false;
    }
  }

  /** Bytes of all blobs. */
  public long bytes() {
    if (!Files.isDirectory(blobs)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(blobs)) {
      return files
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

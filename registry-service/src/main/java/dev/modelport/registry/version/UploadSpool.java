package dev.modelport.registry.version;

import dev.modelport.registry.api.RequestBodyException;
import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Spools the parts that are read more than once (training data, a profile) to temporary files under
 * {@code ${java.io.tmpdir}/modelport-registry-uploads}, and reads the small text parts (metadata,
 * {@code model.yaml}) into memory, at most {@value #MAX_TEXT} bytes each. The caller deletes the
 * files ({@link ReceivedUpload#close()}); files a crash leaves behind are removed by the storage
 * clean-up after its grace period. Stateless.
 */
public final class UploadSpool {
  /** Largest text part (the metadata JSON, a model.yaml). */
  static final int MAX_TEXT = 4 * 1024 * 1024;

  private static final Path DIR =
      Path.of(System.getProperty("java.io.tmpdir"), "modelport-registry-uploads");

  private UploadSpool() {}

  /** The folder of spooled parts; the clean-up removes files a crash left there. */
  public static Path directory() {
    return DIR;
  }

  /** The content of part {@code name} in a new temporary file. */
  static Path file(String name, InputStream content) {
    Path file;
    try {
      Files.createDirectories(DIR);
      file = Files.createTempFile(DIR, name + "-", ".part");
    } catch (IOException e) {
      throw new StorageException("cannot spool the " + name + " part: " + e.getMessage(), e);
    }
    try {
      Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (RequestBodyException e) {
      deleteQuietly(file);
      throw new InvalidInputException(name, e.getMessage());
    } catch (IOException e) {
      deleteQuietly(file);
      throw new StorageException("cannot spool the " + name + " part: " + e.getMessage(), e);
    }
  }

  /** The content of part {@code name} as UTF-8 text. */
  static String text(String name, InputStream content) {
    try {
      byte[] bytes = content.readNBytes(MAX_TEXT + 1);
      if (bytes.length > MAX_TEXT) {
        throw new InvalidInputException(name, "larger than " + MAX_TEXT / (1024 * 1024) + " MiB");
      }
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(name, e.getMessage());
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temporary file only wastes space until the tmp directory is cleaned
    }
  }
}

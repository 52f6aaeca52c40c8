package dev.modelport.serving.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.RegistryJson;
import dev.modelport.registryclient.api.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The last resolved deployments, persisted beside the artifact cache as {@code deployments.json}
 * (written to a temporary file and moved into place atomically), so that a restart with the
 * registry down serves what was served before. Format version 1: {@code {"format": 1, "models":
 * [{model, primary, canary, canaryWeight, shadow, versions: [registry version JSON]}]}}.
 *
 * @param format the file format version, 1
 * @param models one entry per served model
 */
public record ResolvedState(int format, List<Entry> models) {

  private static final ObjectMapper JSON = RegistryJson.newMapper();

  public ResolvedState {
    models = List.copyOf(models);
  }

  /**
   * One model's resolved deployment.
   *
   * @param versions the registry metadata of every version it selects (artifact SHA-256, format,
   *     signature, serving settings)
   */
  public record Entry(
      String model,
      VersionNumber primary,
      VersionNumber canary,
      int canaryWeight,
      VersionNumber shadow,
      List<ModelVersion> versions) {}

  /** Writes {@code file} atomically. */
  public void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path part = file.resolveSibling(file.getFileName() + ".part");
      JSON.writerWithDefaultPrettyPrinter().writeValue(part.toFile(), this);
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The state in {@code file}, or empty when there is none. */
  public static Optional<ResolvedState> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), ResolvedState.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}

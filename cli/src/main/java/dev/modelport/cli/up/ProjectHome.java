package dev.modelport.cli.up;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Modelport project root: the nearest folder, from a start folder upwards, that holds
 * both {@code mvnw} and {@code examples/}. The services' packaged jars are found under it.
 */
public final class ProjectHome {

  private ProjectHome() {}

  /** The project root at or above {@code start}, if any. */
  public static Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (isProjectRoot(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code dir} looks like the project root. */
  public static boolean isProjectRoot(Path dir) {
    return Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("examples"));
  }
}

package dev.modelport.cli.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds throw-away project roots (a folder with mvnw and examples/models) for tests. */
final class TestProjects {

  private TestProjects() {}

  static Path projectRoot(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("examples").resolve("models"));
    Files.writeString(dir.resolve("mvnw"), "#!/bin/sh\n");
    return dir;
  }

  static void packageService(Path home, Service service) throws IOException {
    Path jar = service.jar(home);
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "not really a jar");
  }
}

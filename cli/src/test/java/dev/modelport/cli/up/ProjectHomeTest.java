package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectHomeTest {

  @TempDir Path dir;

  @Test
  void theRootIsFoundFromAFolderBelowIt() throws IOException {
    Path home = TestProjects.projectRoot(dir.resolve("modelport"));
    Path nested = Files.createDirectories(home.resolve("cli/src/test"));

    assertThat(ProjectHome.find(nested)).contains(home);
  }

  @Test
  void aFolderWithMvnwButNoExamplesIsNotTheRoot() throws IOException {
    Files.writeString(dir.resolve("mvnw"), "");

    assertThat(ProjectHome.isProjectRoot(dir)).isFalse();
    assertThat(ProjectHome.find(dir)).isEmpty();
  }
}

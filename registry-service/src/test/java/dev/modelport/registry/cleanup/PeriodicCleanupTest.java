package dev.modelport.registry.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.registry.version.UploadSpool;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The clean-up runs again every {@code cleanup.interval}, not only at startup. */
@QuarkusTest
@TestProfile(PeriodicCleanupTest.Frequent.class)
class PeriodicCleanupTest {
  public static class Frequent implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "modelport.registry.cleanup.interval", "300ms",
          "modelport.registry.cleanup.grace", "1m");
    }
  }

  @Test
  void aSpoolFileThatGrowsStaleAfterStartupIsRemovedByALaterSweep() throws Exception {
    Path dir = Files.createDirectories(UploadSpool.directory());
    Path stale = Files.write(dir.resolve("periodic-test.part"), new byte[10]);
    Path fresh = Files.write(dir.resolve("periodic-fresh.part"), new byte[10]);
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));

    await("the stale spool file removed")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Files.exists(stale));
    assertThat(fresh).exists();
    Files.deleteIfExists(fresh);
  }
}

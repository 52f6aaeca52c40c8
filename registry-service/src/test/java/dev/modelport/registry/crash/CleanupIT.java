package dev.modelport.registry.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.registry.Api;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryJson;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a crash leaves behind (a spooled upload part, a blob store temporary, a blob no version
 * references), older than the grace period, is removed at startup of the packaged registry; fresh
 * leftovers and referenced blobs, however old, stay; the sweep is counted and logged.
 */
class CleanupIT {
  private PackagedService registry;

  @AfterEach
  void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void startupRemovesOnlyStaleSpoolAndTempFilesAndOrphanBlobsPastTheGrace() throws Exception {
    Path work = PackagedRegistry.workDir("cleanup-it");
    int port = FreePorts.next();
    registry =
        PackagedRegistry.builder(work, port, "cleanup-it.log")
            .property("modelport.registry.cleanup.grace", "1h")
            .start();
    byte[] bytes = ValidOnnx.numbered(1);
    VersionMetadata metadata =
        RegistryJson.newMapper().readValue(Api.METADATA, VersionMetadata.class);
    try (RegistryClient client = PackagedRegistry.client(port)) {
      client.createModel(new NewModel("kept", "d", null));
      ModelVersion v =
          client.uploadVersion(
              "kept",
              VersionUpload.of("model.onnx", () -> new ByteArrayInputStream(bytes), metadata));
      assertThat(v.artifact().sha256()).isEqualTo(Api.sha256(bytes));
    }
    registry.kill();

    Instant old = Instant.now().minus(Duration.ofHours(2));
    Path blobs = work.resolve("blobs");
    Path referenced = blob(blobs, Api.sha256(bytes));
    assertThat(referenced).exists();
    age(referenced, old);
    Path spool = Files.createDirectories(work.resolve("tmp/modelport-registry-uploads"));
    Path staleSpool = age(write(spool.resolve("training-data-1.part"), 1000), old);
    Path freshSpool = write(spool.resolve("training-data-2.part"), 10);
    Path staleTemp = age(write(blobs.resolve("tmp/dead.part"), 2000), old);
    Path freshTemp = write(blobs.resolve("tmp/live.part"), 20);
    String orphanHex = "ab".repeat(32);
    Path staleOrphan = age(write(blob(blobs, orphanHex), 3000), old);
    Path freshOrphan = write(blob(blobs, "cd".repeat(32)), 30);

    registry.restart();
    await("the startup clean-up's log line")
        .atMost(Duration.ofSeconds(30))
        .until(() -> registry.logTail(200).contains("Storage clean-up: removed 1 spool files"));

    assertThat(staleSpool).doesNotExist();
    assertThat(staleTemp).doesNotExist();
    assertThat(staleOrphan).doesNotExist();
    assertThat(freshSpool).exists();
    assertThat(freshTemp).exists();
    assertThat(freshOrphan).exists();
    assertThat(referenced).exists();
    assertThat(registry.logTail(200))
        .contains(
            "removed 1 spool files (1000 bytes), 1 temporary blob files (2000 bytes),"
                + " 1 orphan blobs (3000 bytes)");
    String metrics = metrics(port);
    assertThat(metrics)
        .contains("modelport_registry_cleanups_total{kind=\"spool\"} 1.0")
        .contains("modelport_registry_cleanups_total{kind=\"temp\"} 1.0")
        .contains("modelport_registry_cleanups_total{kind=\"orphan-blob\"} 1.0")
        .contains("modelport_registry_cleanup_freed_bytes_total{kind=\"orphan-blob\"} 3000.0");
    try (RegistryClient client = PackagedRegistry.client(port)) {
      assertThat(
              client.downloadArtifact(
                  "kept",
                  client.listVersions("kept", 0, 10).items().get(0).version(),
                  java.io.OutputStream.nullOutputStream()))
          .isEqualTo(Api.sha256(bytes));
    }
  }

  private static Path blob(Path blobs, String hex) {
    return blobs.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
  }

  private static Path write(Path file, int size) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[size]);
  }

  private static Path age(Path file, Instant at) throws Exception {
    Files.setLastModifiedTime(file, FileTime.from(at));
    return file;
  }

  private static String metrics(int port) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}

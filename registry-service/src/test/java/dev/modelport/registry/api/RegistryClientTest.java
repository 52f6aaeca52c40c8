package dev.modelport.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.Api;
import dev.modelport.registryclient.EventSubscription;
import dev.modelport.registryclient.RegistryApiException;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryJson;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.Alias;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.ChangeEvent;
import dev.modelport.registryclient.api.EventType;
import dev.modelport.registryclient.api.ModelUpdate;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry-client module against the real registry. */
@QuarkusTest
class RegistryClientTest {
  private RegistryClient publisher;
  private RegistryClient admin;

  @BeforeEach
  void clients() {
    publisher = RegistryClient.builder(Api.baseUri()).apiKey(Api.PUBLISHER).build();
    admin = RegistryClient.builder(Api.baseUri()).apiKey(Api.ADMIN).build();
  }

  private static VersionMetadata metadata() throws Exception {
    return RegistryJson.newMapper().readValue(Api.METADATA, VersionMetadata.class);
  }

  @Test
  void clientRegistersUploadsAndDownloadsWithVerifiedChecksum(@TempDir Path dir) throws Exception {
    String name = Api.uniqueName("client");
    publisher.createModel(new NewModel(name, "via client", Map.of("team", "a")));
    Path artifact = Files.write(dir.resolve("model.onnx"), Api.onnx(300_000, 7));

    ModelVersion version = publisher.uploadVersion(name, VersionUpload.of(artifact, metadata()));
    Path downloaded = dir.resolve("copy.onnx");
    publisher.downloadArtifact(name, version.version(), downloaded);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String sha = publisher.downloadArtifact(name, version.version(), out);

    assertThat(version.artifact().format()).isEqualTo(ArtifactFormat.ONNX);
    assertThat(version.signature().inputFeatureNames()).containsExactly("a", "b");
    assertThat(Files.readAllBytes(downloaded)).isEqualTo(Files.readAllBytes(artifact));
    assertThat(sha).isEqualTo(Api.sha256(Files.readAllBytes(artifact)));
    assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(artifact));
    assertThat(publisher.listModels(name, "team:a", 0, 10).items())
        .extracting("name")
        .containsExactly(name);
    assertThat(publisher.updateModel(name, new ModelUpdate("changed", null)).description())
        .isEqualTo("changed");
    assertThat(publisher.listVersions(name, 0, 10).total()).isEqualTo(1);
  }

  @Test
  void clientManagesAliasesAndReportsErrorsWithTheRegistryMessage() throws Exception {
    String name = Api.uniqueName("client-alias");
    publisher.createModel(new NewModel(name, null, null));
    publisher.uploadVersion(
        name,
        VersionUpload.of(
            "m.pt", () -> new java.io.ByteArrayInputStream(Api.onnx(30, 3)), metadata()));

    Alias alias = publisher.setAlias(name, "challenger", VersionNumber.of(1));
    assertThat(publisher.resolveAlias(name, "challenger").version()).isEqualTo(alias.version());
    assertThat(publisher.listAliases(name)).extracting(Alias::alias).containsExactly("challenger");
    assertThatThrownBy(() -> publisher.setAlias(name, "champion", VersionNumber.of(1)))
        .isInstanceOfSatisfying(
            RegistryApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.error()).contains("protected");
            });
    admin.deleteAlias(name, "challenger");
    assertThat(publisher.findAlias(name, "challenger")).isEmpty();
    assertThat(publisher.findModel(Api.uniqueName("nope"))).isEmpty();
    assertThat(publisher.audit(name, 0, 10))
        .extracting("action")
        .containsExactly("model.create", "version.create", "alias.set", "alias.delete");
    admin.deleteModel(name);
    assertThat(publisher.findModel(name)).isEmpty();
  }

  @Test
  void followEventsDeliversNewVersionsInOrder() throws Exception {
    String name = Api.uniqueName("client-feed");
    publisher.createModel(new NewModel(name, null, null));
    long start = publisher.lastEventSeq();
    List<ChangeEvent> received = new CopyOnWriteArrayList<>();
    try (EventSubscription subscription =
        publisher.followEvents(
            start,
            Duration.ofSeconds(5),
            e -> {
              if (e.model().equals(name)) {
                received.add(e);
              }
            })) {
      publisher.uploadVersion(
          name,
          VersionUpload.of(
              "a.onnx", () -> new java.io.ByteArrayInputStream(Api.onnx(10, 1)), metadata()));
      publisher.uploadVersion(
          name,
          VersionUpload.of(
              "b.onnx", () -> new java.io.ByteArrayInputStream(Api.onnx(10, 2)), metadata()));
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
      assertThat(subscription.lastSeq()).isGreaterThan(start);
    }
    assertThat(received)
        .extracting(ChangeEvent::type)
        .containsExactly(EventType.VERSION_CREATED, EventType.VERSION_CREATED);
    assertThat(received)
        .extracting(ChangeEvent::version)
        .containsExactly(VersionNumber.of(1), VersionNumber.of(2));
  }
}

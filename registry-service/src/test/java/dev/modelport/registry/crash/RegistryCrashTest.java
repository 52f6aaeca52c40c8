package dev.modelport.registry.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.Api;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryJson;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ChangeEvent;
import dev.modelport.registryclient.api.EventBatch;
import dev.modelport.registryclient.api.EventType;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash test of one database mode: a burst of acknowledged uploads and alias moves against the
 * packaged registry, SIGKILL right after the last acknowledgement (and a change-feed read), restart
 * on the same data, then every acknowledged write must be there and no number given twice.
 * Subclasses choose the database.
 */
abstract class RegistryCrashTest {
  private static final int UPLOADS = 24;

  private PackagedService registry;
  private Path work;

  /** Database settings of the mode under test. */
  abstract void configure(PackagedService.Builder builder);

  abstract String name();

  @AfterEach
  void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
    afterStop();
  }

  /** Runs after the registry has stopped. */
  void afterStop() {}

  @Test
  void everyAcknowledgedWriteSurvivesSigkillAndNoNumberIsGivenTwice() throws Exception {
    work = PackagedRegistry.workDir(name());
    int port = FreePorts.next();
    PackagedService.Builder builder = PackagedRegistry.builder(work, port, name() + ".log");
    configure(builder);
    registry = builder.start();
    VersionMetadata metadata =
        RegistryJson.newMapper().readValue(Api.METADATA, VersionMetadata.class);

    Map<VersionNumber, String> acknowledged = new LinkedHashMap<>();
    VersionNumber lastLive = null;
    List<ChangeEvent> seenBeforeCrash;
    try (RegistryClient client = PackagedRegistry.client(port)) {
      client.createModel(new NewModel("crash", "crash test", null));
      long started = System.nanoTime();
      for (int i = 0; i < UPLOADS; i++) {
        byte[] bytes = ValidOnnx.numbered(i);
        ModelVersion v =
            client.uploadVersion(
                "crash",
                VersionUpload.of("model.onnx", () -> new ByteArrayInputStream(bytes), metadata));
        assertThat(v.artifact().sha256()).isEqualTo(Api.sha256(bytes));
        assertThat(acknowledged).doesNotContainKey(v.version());
        acknowledged.put(v.version(), v.artifact().sha256());
        lastLive = client.setAlias("crash", "live", v.version()).version();
        client.setAlias("crash", "previous", acknowledged.keySet().iterator().next());
      }
      seenBeforeCrash = allEvents(client);
      System.out.printf(
          "%s: %d uploads and %d alias moves acknowledged in %d ms%n",
          name(), UPLOADS, 2 * UPLOADS, (System.nanoTime() - started) / 1_000_000);
    }
    registry.kill();

    registry.restart();
    try (RegistryClient client = PackagedRegistry.client(port)) {
      for (Map.Entry<VersionNumber, String> ack : acknowledged.entrySet()) {
        assertThat(client.getVersion("crash", ack.getKey()).artifact().sha256())
            .as("version %s after the crash", ack.getKey())
            .isEqualTo(ack.getValue());
        String downloaded =
            client.downloadArtifact("crash", ack.getKey(), new ByteArrayOutputStream());
        assertThat(downloaded).isEqualTo(ack.getValue());
      }
      assertThat(client.resolveAlias("crash", "live").version()).isEqualTo(lastLive);

      List<ChangeEvent> afterCrash = allEvents(client);
      assertStrictlyIncreasing(afterCrash);
      assertThat(afterCrash).containsAll(seenBeforeCrash);
      assertThat(
              afterCrash.stream()
                  .filter(e -> e.type() == EventType.VERSION_CREATED)
                  .map(ChangeEvent::version))
          .containsExactlyElementsOf(acknowledged.keySet());
      long lastSeen = seenBeforeCrash.get(seenBeforeCrash.size() - 1).seq();

      byte[] next = ValidOnnx.numbered(UPLOADS);
      ModelVersion created =
          client.uploadVersion(
              "crash",
              VersionUpload.of("model.onnx", () -> new ByteArrayInputStream(next), metadata));
      assertThat(acknowledged).doesNotContainKey(created.version());
      assertThat(created.version().value())
          .isGreaterThan(
              acknowledged.keySet().stream().mapToLong(VersionNumber::value).max().orElseThrow());
      EventBatch batch = client.pollEvents(lastSeen, Duration.ZERO);
      assertThat(batch.events())
          .as("a follower that saw seq %d sees the next write", lastSeen)
          .anySatisfy(
              e -> {
                assertThat(e.type()).isEqualTo(EventType.VERSION_CREATED);
                assertThat(e.version()).isEqualTo(created.version());
                assertThat(e.seq()).isGreaterThan(lastSeen);
              });
    }
  }

  Path work() {
    return work;
  }

  private static List<ChangeEvent> allEvents(RegistryClient client) {
    List<ChangeEvent> all = new ArrayList<>();
    long after = 0;
    while (true) {
      EventBatch batch = client.pollEvents(after, Duration.ZERO);
      if (batch.events().isEmpty()) {
        return all;
      }
      all.addAll(batch.events());
      after = batch.last();
    }
  }

  private static void assertStrictlyIncreasing(List<ChangeEvent> events) {
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).seq())
          .as("feed seq after %d", events.get(i - 1).seq())
          .isGreaterThan(events.get(i - 1).seq());
    }
  }
}

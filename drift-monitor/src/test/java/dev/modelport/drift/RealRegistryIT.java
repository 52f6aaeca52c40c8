package dev.modelport.drift;

import static dev.modelport.drift.support.ExampleModels.BREAST;
import static dev.modelport.drift.support.ExampleModels.CREDIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelport.drift.baseline.BaselineCache;
import dev.modelport.drift.baseline.RegistryBaselineSource;
import dev.modelport.drift.baseline.RegistryClientChangeFeed;
import dev.modelport.drift.evaluation.Outcome;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.metrics.DriftMetrics;
import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.support.InferenceEvents;
import dev.modelport.drift.support.LoopHarness;
import dev.modelport.drift.support.Producers;
import dev.modelport.drift.support.Producers.Message;
import dev.modelport.drift.window.WindowPolicy;
import dev.modelport.featurestats.drift.DriftConfig;
import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real registry-service, started as a process from its packaged jar (H2 and filesystem
 * blobs in a temporary directory): the example models are uploaded with their train.csv through
 * registry-client, the registry builds the baselines, and the drift-monitor's pipeline fetches them
 * through {@link RegistryBaselineSource} and follows the change feed. Skipped when registry-service
 * has not been packaged (build it first: {@code ./mvnw -pl registry-service package}).
 */
class RealRegistryIT {

  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static PackagedService registry;
  static Path dataDir;
  static RegistryClient client;
  static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startRegistryAndBroker() throws Exception {
    assumeTrue(
        PackagedService.isPackaged("registry-service"),
        "registry-service is not packaged: " + PackagedService.jar("registry-service"));
    dataDir = Files.createTempDirectory("drift-it-registry");
    int port = FreePorts.next();
    registry =
        PackagedService.of("registry-service")
            .httpPort(port)
            .property("modelport.registry.data-dir", dataDir)
            .property("modelport.registry.security.enabled", false)
            .property("java.io.tmpdir", dataDir)
            .log(Path.of("target", "real-registry-it.log").toAbsolutePath())
            .startTimeout(TIMEOUT)
            .start();
    client = RegistryClient.builder(URI.create("http://127.0.0.1:" + port)).build();
    upload(BREAST, ExampleModels.breastSignature());
    upload(CREDIT, ExampleModels.creditSignature());
    broker = EmbeddedKafkaBroker.builder().build().start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (dataDir != null) {
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void baselinesBuiltByTheRegistryFlagTheDriftedFeaturesOfBothModels() {
    String topic = "real-registry";
    broker.createTopics(1, topic);
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    double[][] drifted = ExampleModels.rows(BREAST, "drifted.csv");
    double[][] creditDrifted = ExampleModels.rows(CREDIT, "drifted.csv");
    List<Message> messages = new ArrayList<>();
    InferenceEvents.inChunks(false, "1", test, 38, 1_000_000)
        .forEach(e -> messages.add(new Message(BREAST, e.toByteArray())));
    InferenceEvents.inChunks(false, "1", drifted, 38, 2_000_000)
        .forEach(e -> messages.add(new Message(BREAST, e.toByteArray())));
    InferenceEvents.inChunks(true, "1", creditDrifted, 100, 1_000_000)
        .forEach(e -> messages.add(new Message(CREDIT, e.toByteArray())));
    Producers.send(broker.bootstrapServers(), topic, messages);
    BaselineCache cache =
        new BaselineCache(
            new RegistryBaselineSource(client), Duration.ofMinutes(1), Clock.systemUTC());
    LoopHarness h =
        new LoopHarness()
            .baselineSource(cache)
            .policy(BREAST, new WindowPolicy(test.length, Duration.ofHours(1)))
            .policy(CREDIT, new WindowPolicy(creditDrifted.length, Duration.ofHours(1)))
            .driftConfig(BREAST, DriftConfig.defaults().withDatasetDriftShare(0.15));

    var loop = h.loop(broker.bootstrapServers(), topic, "real-registry").start();
    await("three windows").atMost(TIMEOUT).until(h.reports::size, equalTo(3));
    loop.stop();

    List<WindowReport> breast = h.reportsOf(BREAST);
    assertThat(breast)
        .extracting(WindowReport::outcome)
        .containsExactly(Outcome.NO_DRIFT, Outcome.DRIFT);
    assertThat(breast.get(1).driftedFeatures())
        .containsExactlyInAnyOrderElementsOf(ExampleModels.BREAST_DRIFTED);
    assertThat(h.reportsOf(CREDIT).get(0).driftedFeatures())
        .containsExactlyInAnyOrder("region", "utilization");
  }

  @Test
  void theChangeFeedNamesAModelWhenANewVersionIsUploaded() throws Exception {
    List<String> changed = new CopyOnWriteArrayList<>();
    try (RegistryClientChangeFeed feed =
        new RegistryClientChangeFeed(client, Duration.ofSeconds(5))) {
      feed.start(changed::add);
      await("the earlier uploads replayed").atMost(TIMEOUT).until(() -> changed.contains(CREDIT));
      int before = changed.size();

      upload(BREAST, ExampleModels.breastSignature());

      await("the new version announced")
          .atMost(TIMEOUT)
          .until(() -> changed.size() > before && changed.get(changed.size() - 1).equals(BREAST));
    }
  }

  @Test
  void
      eventsWhoseRequestTheRegistryRefusesAreSkippedAndTheGoodOnesBehindThemEvaluatedAlsoAfterARestart() {
    String topic = "real-registry-poison";
    broker.createTopics(1, topic);
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    List<Message> first = poisonThenGood(test);
    Producers.send(broker.bootstrapServers(), topic, first);

    LoopHarness before = poisonHarness(test.length);
    var loop = before.loop(broker.bootstrapServers(), topic, "real-poison").start();
    await("every event committed")
        .atMost(TIMEOUT)
        .until(() -> committedOffset("real-poison", topic) == first.size());
    loop.stop();
    assertPoisonCountedAndOneWindow(before, test.length);

    // a restarted monitor: neither the old poison nor the old good events again, the new ones all
    List<Message> second = poisonThenGood(test);
    Producers.send(broker.bootstrapServers(), topic, second);
    LoopHarness after = poisonHarness(test.length);
    var restarted = after.loop(broker.bootstrapServers(), topic, "real-poison").start();
    await("every new event committed")
        .atMost(TIMEOUT)
        .until(() -> committedOffset("real-poison", topic) == first.size() + second.size());
    restarted.stop();
    assertPoisonCountedAndOneWindow(after, test.length);
  }

  @Test
  void aVersionRegisteredAfterTheMonitorFoundItUnknownIsMonitoredAtOnceWithinTheNegativeTtl()
      throws Exception {
    String topic = "real-registry-late";
    String model = "late-registered";
    broker.createTopics(1, topic);
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    // no change feed here: only the re-ask of the unknown answer can find the new version
    LoopHarness h =
        new LoopHarness()
            .baselineSource(
                new BaselineCache(
                    new RegistryBaselineSource(client), Duration.ofMinutes(10), Clock.systemUTC()))
            .policy(model, new WindowPolicy(test.length, Duration.ofHours(1)));
    var loop = h.loop(broker.bootstrapServers(), topic, "real-late").start();
    try {
      Producers.send(
          broker.bootstrapServers(),
          topic,
          List.of(lateEvent(model, InferenceEvents.breast("1", test, 0, 1, nowMicros()))));
      await("the event of the unregistered version counted unknown")
          .atMost(TIMEOUT)
          .until(() -> h.counter(DriftMetrics.BAD_EVENTS, "reason", "unknown_model") == 1);

      upload(model, BREAST, ExampleModels.breastSignature());
      List<Message> events = new ArrayList<>();
      InferenceEvents.inChunks(false, "1", test, 38, nowMicros())
          .forEach(e -> events.add(lateEvent(model, e)));
      Producers.send(broker.bootstrapServers(), topic, events);

      await("a window of the new version")
          .atMost(TIMEOUT)
          .until(() -> h.reportsOf(model).size() == 1);
    } finally {
      loop.stop();
    }
    assertThat(h.reportsOf(model).get(0).rows()).isEqualTo(test.length);
    assertThat(h.reportsOf(model).get(0).outcome()).isEqualTo(Outcome.NO_DRIFT);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "unknown_model")).isEqualTo(1);
  }

  private static Message lateEvent(String model, dev.modelport.protocol.event.InferenceEvent e) {
    return new Message(model, e.toBuilder().setModel(model).build().toByteArray());
  }

  private static long nowMicros() {
    return System.currentTimeMillis() * 1000L;
  }

  /**
   * Four events the registry cannot answer, then breast-cancer-mlp v1 events of test.csv: a model
   * name of 10,000 characters (414), a name the registry refuses as invalid (400), version 0 and an
   * unknown model (404).
   */
  private static List<Message> poisonThenGood(double[][] test) {
    List<Message> messages = new ArrayList<>();
    for (String[] mv :
        new String[][] {
          {"m".repeat(10_000), "1"},
          {"Not A Valid Name", "1"},
          {BREAST, "0"},
          {"no-such-model", "1"}
        }) {
      messages.add(
          new Message(
              "poison",
              InferenceEvents.event(
                      mv[0],
                      mv[1],
                      1_000_000,
                      List.of(
                          new dev.modelport.protocol.tensor.Tensor(
                              "input",
                              dev.modelport.protocol.tensor.DataType.FP32,
                              new long[] {1, 30},
                              new float[30])))
                  .toByteArray()));
    }
    InferenceEvents.inChunks(false, "1", test, 38, 1_000_000)
        .forEach(e -> messages.add(new Message(BREAST, e.toByteArray())));
    return messages;
  }

  private static LoopHarness poisonHarness(int windowRows) {
    return new LoopHarness()
        .baselineSource(
            new BaselineCache(
                new RegistryBaselineSource(client), Duration.ofMinutes(1), Clock.systemUTC()))
        .policy(BREAST, new WindowPolicy(windowRows, Duration.ofHours(1)))
        .retryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
  }

  private static void assertPoisonCountedAndOneWindow(LoopHarness h, int rows) {
    assertThat(h.reports).hasSize(1);
    assertThat(h.reports.get(0).rows()).isEqualTo(rows);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "request_too_long")).isEqualTo(1);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "invalid_request")).isEqualTo(1);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "unknown_model")).isEqualTo(2);
  }

  private static long committedOffset(String group, String topic) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      OffsetAndMetadata o =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get()
              .get(new TopicPartition(topic, 0));
      return o == null ? -1 : o.offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void upload(String model, ModelSignature signature) throws IOException {
    upload(model, model, signature);
  }

  /**
   * Uploads example model {@code example}'s ONNX file and train.csv as a version of {@code model}.
   */
  private static void upload(String model, String example, ModelSignature signature)
      throws IOException {
    if (client.findModel(model).isEmpty()) {
      client.createModel(new NewModel(model, "drift-monitor IT", Map.of()));
    }
    Path folder = dev.modelport.testsupport.ExampleModels.dir(example);
    VersionMetadata metadata =
        new VersionMetadata(
            ArtifactFormat.ONNX,
            null,
            signature,
            null,
            Map.of(),
            Map.of(),
            null,
            Map.of(),
            "uploaded by RealRegistryIT");
    client.uploadVersion(
        model,
        VersionUpload.of(folder.resolve("model.onnx"), metadata)
            .withTrainingData(folder.resolve("train.csv")));
  }
}

package dev.modelport.drift.consumer;

import static dev.modelport.drift.support.ExampleModels.BREAST;
import static dev.modelport.drift.support.ExampleModels.CREDIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.baseline.VersionBaseline;
import dev.modelport.drift.evaluation.Outcome;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.metrics.DriftMetrics;
import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.support.InferenceEvents;
import dev.modelport.drift.support.LoopHarness;
import dev.modelport.drift.support.Producers;
import dev.modelport.drift.support.Producers.Message;
import dev.modelport.drift.support.RestartScenario;
import dev.modelport.drift.support.Verdicts;
import dev.modelport.drift.window.WindowPolicy;
import dev.modelport.featurestats.drift.DriftConfig;
import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consumer pipeline against a real (embedded) Kafka broker, with baselines built from the
 * example models' train.csv.
 */
class DriftConsumerLoopTest {

  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static EmbeddedKafkaBroker broker;
  static ModelSignature breastSignature = ExampleModels.breastSignature();
  static ModelSignature creditSignature = ExampleModels.creditSignature();
  static VersionBaseline breastV1;
  static VersionBaseline breastV2;
  static VersionBaseline creditV1;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.builder().build().start();
    breastV1 =
        VersionBaseline.withBaseline(
            new ModelVersionKey(BREAST, "1"),
            ExampleModels.monitored(breastSignature),
            ExampleModels.baseline(BREAST, breastSignature));
    breastV2 =
        VersionBaseline.withBaseline(
            new ModelVersionKey(BREAST, "2"), breastV1.signature(), breastV1.baseline().get());
    creditV1 =
        VersionBaseline.withBaseline(
            new ModelVersionKey(CREDIT, "1"),
            ExampleModels.monitored(creditSignature),
            ExampleModels.baseline(CREDIT, creditSignature));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static LoopHarness harness() {
    return new LoopHarness()
        .version(breastV1)
        .version(breastV2)
        .version(creditV1)
        .driftConfig(BREAST, DriftConfig.defaults().withDatasetDriftShare(0.15));
  }

  private static Message breast(InferenceEvent e) {
    return new Message(BREAST, e.toByteArray());
  }

  private static Message credit(InferenceEvent e) {
    return new Message(CREDIT, e.toByteArray());
  }

  @Test
  void
      testRowsDoNotDriftDriftedRowsFlagExactlyTheFiveMovedFeaturesAndTheCreditModelItsRegionAndUtilization() {
    String topic = "drift-detection";
    broker.createTopics(1, topic);
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    double[][] drifted = ExampleModels.rows(BREAST, "drifted.csv");
    double[][] creditDrifted = ExampleModels.rows(CREDIT, "drifted.csv");
    List<Message> messages = new ArrayList<>();
    InferenceEvents.inChunks(false, "1", test, 19, 1_000_000).forEach(e -> messages.add(breast(e)));
    InferenceEvents.inChunks(false, "2", drifted, 19, 1_000_000)
        .forEach(e -> messages.add(breast(e)));
    InferenceEvents.inChunks(true, "1", creditDrifted, 64, 1_000_000)
        .forEach(e -> messages.add(credit(e)));
    Producers.send(broker.bootstrapServers(), topic, messages);
    LoopHarness h =
        harness()
            .policy(BREAST, new WindowPolicy(test.length, Duration.ofHours(1)))
            .policy(CREDIT, new WindowPolicy(creditDrifted.length, Duration.ofHours(1)));

    var loop = h.loop(broker.bootstrapServers(), topic, "detection").start();
    await("three windows").atMost(TIMEOUT).until(h.reports::size, equalTo(3));
    loop.stop();

    WindowReport v1 = only(h, BREAST, "1");
    WindowReport v2 = only(h, BREAST, "2");
    WindowReport credit = only(h, CREDIT, "1");
    assertThat(v1.rows()).isEqualTo(test.length);
    assertThat(v1.outcome()).isEqualTo(Outcome.NO_DRIFT);
    assertThat(v1.driftedFeatures()).isEmpty();
    assertThat(v2.outcome()).isEqualTo(Outcome.DRIFT);
    assertThat(v2.driftedFeatures())
        .containsExactlyInAnyOrderElementsOf(ExampleModels.BREAST_DRIFTED);
    assertThat(credit.rows()).isEqualTo(creditDrifted.length);
    assertThat(credit.driftedFeatures()).containsExactlyInAnyOrder("region", "utilization");
    assertThat(h.counter(DriftMetrics.ROWS, "model", BREAST, "version", "2"))
        .isEqualTo(drifted.length);
    assertThat(h.counter(DriftMetrics.WINDOWS, "model", BREAST, "version", "2", "outcome", "drift"))
        .isEqualTo(1);
    assertThat(
            h.meters
                .find(DriftMetrics.DETECTED)
                .tags("model", CREDIT, "feature", "region")
                .gauge()
                .value())
        .isEqualTo(1);
    assertThat(
            h.meters
                .find(DriftMetrics.DETECTED)
                .tags("model", CREDIT, "feature", "income")
                .gauge()
                .value())
        .isZero();
  }

  @Test
  void poisonMessagesAndSchemaMismatchesAreCountedAndSkippedWhileGoodEventsAreStillEvaluated() {
    String topic = "poison";
    broker.createTopics(1, topic);
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    List<InferenceEvent> good = InferenceEvents.inChunks(false, "1", test, 38, 1_000_000);
    float[] nan = new float[30];
    nan[3] = Float.NaN;
    List<Message> messages = new ArrayList<>();
    messages.add(new Message(BREAST, new byte[] {(byte) 0xff, 0x01, 0x02, 0x03}));
    messages.add(breast(good.get(0)));
    messages.add(
        breast(
            InferenceEvents.event(
                BREAST,
                "1",
                5,
                List.of(new Tensor("input", DataType.FP32, new long[] {1, 29}, new float[29])))));
    messages.add(
        breast(
            InferenceEvents.event(
                BREAST,
                "1",
                6,
                List.of(
                    new Tensor("wrong-name", DataType.FP32, new long[] {1, 30}, new float[30])))));
    messages.add(breast(good.get(1)));
    messages.add(
        breast(
            InferenceEvents.event(
                BREAST,
                "1",
                7,
                List.of(new Tensor("input", DataType.FP32, new long[] {1, 30}, nan)))));
    messages.add(
        new Message(
            "nobody",
            InferenceEvents.event(
                    "no-such-model",
                    "1",
                    8,
                    List.of(new Tensor("input", DataType.FP32, new long[] {1, 30}, new float[30])))
                .toByteArray()));
    messages.add(
        new Message(
            BREAST,
            InferenceEvents.event(BREAST, "1", 9, List.of()).toBuilder()
                .addInputs(
                    dev.modelport.protocol.event.EventTensor.newBuilder()
                        .setName("input")
                        .setDatatype("FP32")
                        .addShape(1)
                        .addShape(30)
                        .setRawContents(com.google.protobuf.ByteString.copyFrom(new byte[7])))
                .build()
                .toByteArray()));
    messages.add(breast(good.get(2)));
    Producers.send(broker.bootstrapServers(), topic, messages);
    LoopHarness h = harness().policy(BREAST, new WindowPolicy(test.length, Duration.ofHours(1)));

    var loop = h.loop(broker.bootstrapServers(), topic, "poison").start();
    await("one window").atMost(TIMEOUT).until(h.reports::size, equalTo(1));
    loop.stop();

    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "undecodable")).isEqualTo(2);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "schema_mismatch")).isEqualTo(2);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "non_finite")).isEqualTo(1);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "unknown_model")).isEqualTo(1);
    assertThat(h.reports.get(0).rows()).isEqualTo(test.length);
    assertThat(h.reports.get(0).outcome()).isEqualTo(Outcome.NO_DRIFT);
  }

  @Test
  void aVersionWithoutBaselineIsReportedAsSuchNotAsDrifted() {
    String topic = "no-baseline";
    broker.createTopics(1, topic);
    double[][] drifted = ExampleModels.rows(BREAST, "drifted.csv");
    List<Message> messages = new ArrayList<>();
    InferenceEvents.inChunks(false, "3", drifted, 57, 1_000_000)
        .forEach(e -> messages.add(breast(e)));
    Producers.send(broker.bootstrapServers(), topic, messages);
    LoopHarness h =
        harness()
            .policy(BREAST, new WindowPolicy(drifted.length, Duration.ofHours(1)))
            .version(
                VersionBaseline.withoutBaseline(
                    new ModelVersionKey(BREAST, "3"), breastV1.signature(), "none uploaded"));

    var loop = h.loop(broker.bootstrapServers(), topic, "no-baseline").start();
    await("one window").atMost(TIMEOUT).until(h.reports::size, equalTo(1));
    loop.stop();

    assertThat(h.reports.get(0).outcome()).isEqualTo(Outcome.NO_BASELINE);
    assertThat(h.reports.get(0).message()).isEqualTo("none uploaded");
    assertThat(h.reports.get(0).driftedFeatures()).isEmpty();
    assertThat(
            h.counter(
                DriftMetrics.WINDOWS, "model", BREAST, "version", "3", "outcome", "no_baseline"))
        .isEqualTo(1);
  }

  @Test
  void
      aConsumerKilledMidWindowIsResumedWithTheSameVerdictsAsAnUninterruptedRunAndNoWindowCountedTwice() {
    String topic = "restart";
    broker.createTopics(1, topic);
    List<Message> all = RestartScenario.messages();
    Producers.send(broker.bootstrapServers(), topic, all.subList(0, RestartScenario.FIRST_HALF));

    LoopHarness killed = RestartScenario.configure(harness());
    var first = killed.loop(broker.bootstrapServers(), topic, "resumed").start();
    await("the first half consumed")
        .atMost(TIMEOUT)
        .until(first::eventsProcessed, equalTo((long) RestartScenario.FIRST_HALF));
    await("the commit at the open breast window's first event")
        .atMost(TIMEOUT)
        .until(
            () -> committedOffset("resumed", topic),
            equalTo(RestartScenario.OPEN_WINDOW_FIRST_OFFSET));
    first.halt();
    assertThat(killed.reportsOf(BREAST)).hasSize(1);
    assertThat(killed.reportsOf(CREDIT)).hasSize(5);

    Producers.send(
        broker.bootstrapServers(), topic, all.subList(RestartScenario.FIRST_HALF, all.size()));
    LoopHarness resumed = RestartScenario.configure(harness());
    var second = resumed.loop(broker.bootstrapServers(), topic, "resumed").start();
    // Once every event is consumed and committed, no further window can come: the verdicts
    // compared below are all the resumed consumer will ever give.
    await("every event consumed and committed by the resumed consumer")
        .atMost(TIMEOUT)
        .until(() -> committedOffset("resumed", topic), equalTo((long) all.size()));
    second.stop();

    LoopHarness uninterrupted = RestartScenario.configure(harness());
    var reference = uninterrupted.loop(broker.bootstrapServers(), topic, "uninterrupted").start();
    await("all windows")
        .atMost(TIMEOUT)
        .until(uninterrupted.reports::size, equalTo(RestartScenario.WINDOWS));
    reference.stop();

    List<WindowReport> interrupted = new ArrayList<>(killed.reports);
    interrupted.addAll(resumed.reports);
    assertThat(Verdicts.of(interrupted))
        .isEqualTo(Verdicts.of(uninterrupted.reports))
        .hasSize(RestartScenario.WINDOWS);
    assertThat(uninterrupted.reportsOf(BREAST).stream().map(WindowReport::outcome))
        .containsExactly(Outcome.NO_DRIFT, Outcome.DRIFT, Outcome.DRIFT);
    assertThat(
            resumed.counter(DriftMetrics.ROWS, "model", BREAST, "version", "1")
                + killed.counter(DriftMetrics.ROWS, "model", BREAST, "version", "1"))
        .as("rows re-read for the rebuilt window are counted again, the closed window's are not")
        .isEqualTo(350);
  }

  @Test
  void aRegistryThatIsDownHoldsThePartitionAtItsEventWithGrowingWaitsWhileTheLagShowsIt() {
    String topic = "registry-down";
    broker.createTopics(1, topic);
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    List<Message> messages = new ArrayList<>();
    InferenceEvents.inChunks(false, "1", test, 19, 1_000_000).forEach(e -> messages.add(breast(e)));
    Producers.send(broker.bootstrapServers(), topic, messages);
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    List<Long> failedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
    LoopHarness h = harness().policy(BREAST, new WindowPolicy(test.length, Duration.ofHours(1)));
    var registered = h.baselines();
    h.baselineSource(
            key -> {
              if (down.get()) {
                failedAt.add(System.nanoTime());
                throw new dev.modelport.drift.baseline.BaselineUnavailableException(
                    "registry answered 503", null);
              }
              return registered.fetch(key);
            })
        .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(400));

    var loop = h.loop(broker.bootstrapServers(), topic, "registry-down").start();
    await("five failed attempts").atMost(TIMEOUT).until(() -> failedAt.size() >= 5);
    await("the lag counts every waiting event")
        .atMost(TIMEOUT)
        .until(() -> lag(h, topic), equalTo((double) messages.size()));
    assertThat(h.reports).isEmpty();
    down.set(false);
    await("the window once the registry is back")
        .atMost(TIMEOUT)
        .until(h.reports::size, equalTo(1));
    await("no lag left").atMost(TIMEOUT).until(() -> lag(h, topic), equalTo(0.0));
    loop.stop();

    long[] expectedMillis = {100, 200, 400, 400};
    for (int i = 0; i < expectedMillis.length; i++) {
      assertThat(Duration.ofNanos(failedAt.get(i + 1) - failedAt.get(i)))
          .as("wait after failure %d", i + 1)
          .isGreaterThanOrEqualTo(Duration.ofMillis(expectedMillis[i]));
    }
    assertThat(h.reports.get(0).rows()).isEqualTo(test.length);
    assertThat(h.meters.find(DriftMetrics.BAD_EVENTS).counters()).isEmpty();
  }

  @Test
  void eventsWhoseRequestTheRegistryRefusesAreCountedBySkippedAndDoNotHoldUpTheGoodOnes() {
    String topic = "registry-refuses";
    broker.createTopics(1, topic);
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    List<Message> messages = new ArrayList<>();
    for (String model : List.of("too-long", "invalid", "refused")) {
      messages.add(
          new Message(
              model,
              InferenceEvents.event(
                      model,
                      "1",
                      5,
                      List.of(
                          new Tensor("input", DataType.FP32, new long[] {1, 30}, new float[30])))
                  .toByteArray()));
    }
    InferenceEvents.inChunks(false, "1", test, 38, 1_000_000).forEach(e -> messages.add(breast(e)));
    Producers.send(broker.bootstrapServers(), topic, messages);
    LoopHarness h = harness().policy(BREAST, new WindowPolicy(test.length, Duration.ofHours(1)));
    var registered = h.baselines();
    Map<String, dev.modelport.drift.baseline.RegistryAnswers.Verdict> refusals =
        Map.of(
            "too-long", dev.modelport.drift.baseline.RegistryAnswers.classify(414),
            "invalid", dev.modelport.drift.baseline.RegistryAnswers.classify(400),
            "refused", dev.modelport.drift.baseline.RegistryAnswers.classify(405));
    h.baselineSource(
        key -> {
          var verdict = refusals.get(key.model());
          if (verdict != null) {
            throw new dev.modelport.drift.baseline.BaselineRefusedException(verdict, 400, "no");
          }
          return registered.fetch(key);
        });

    var loop = h.loop(broker.bootstrapServers(), topic, "registry-refuses").start();
    await("every event committed")
        .atMost(TIMEOUT)
        .until(() -> committedOffset("registry-refuses", topic), equalTo((long) messages.size()));
    loop.stop();

    assertThat(h.reports).hasSize(1);
    assertThat(h.reports.get(0).rows()).isEqualTo(test.length);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "request_too_long")).isEqualTo(1);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "invalid_request")).isEqualTo(1);
    assertThat(h.counter(DriftMetrics.BAD_EVENTS, "reason", "registry_refused")).isEqualTo(1);
  }

  private static double lag(LoopHarness h, String topic) {
    var g = h.meters.find(DriftMetrics.CONSUMER_LAG).tags("topic", topic).gauge();
    return g == null ? -1 : g.value();
  }

  private static WindowReport only(LoopHarness h, String model, String version) {
    List<WindowReport> r =
        h.reports.stream()
            .filter(x -> x.key().equals(new ModelVersionKey(model, version)))
            .toList();
    assertThat(r).hasSize(1);
    return r.get(0);
  }

  static long committedOffset(String group, String topic) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
      return o == null ? -1 : o.offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.modelport.serving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.protocol.event.EventTensors;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import dev.modelport.testsupport.FreePorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against a real (embedded) Kafka broker: what arrives, and what an outage does. */
class KafkaEventPublisherTest {

  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static EmbeddedKafkaBroker broker;

  private SimpleMeterRegistry registry;
  private final List<KafkaEventPublisher> publishers = new ArrayList<>();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.builder().build().start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void meters() {
    registry = new SimpleMeterRegistry();
  }

  @AfterEach
  void closePublishers() {
    publishers.forEach(KafkaEventPublisher::close);
  }

  private KafkaEventPublisher publisher(
      String servers, String topic, int bufferEvents, int maxEventBytes) {
    KafkaEventPublisher p =
        KafkaEventPublisher.connect(
            servers,
            new EventSampler(1.0, Map.of(), 1L),
            new EventBuffer(bufferEvents, 64L << 20),
            topic,
            maxEventBytes,
            Duration.ofSeconds(2),
            Duration.ofMillis(5),
            new EventMeters(registry));
    publishers.add(p);
    return p;
  }

  private static String newTopic() {
    return "events-" + TOPICS.incrementAndGet();
  }

  private static CompletedInference inference(String model, int version, String id, float x) {
    return new CompletedInference(
        model,
        new VersionNumber(version),
        "primary",
        id,
        List.of(
            new Tensor("input", DataType.FP32, new long[] {2, 2}, new float[] {x, 1, 2, 3}),
            new Tensor("ids", DataType.INT64, new long[] {2, 1}, new long[] {7, -8})),
        List.of(new Tensor("probabilities", DataType.FP32, new long[] {2, 1}, new float[] {x, 0})),
        1_700_000_000_000_000L,
        1234);
  }

  private double published(String model) {
    Counter c = registry.find(EventMeters.PUBLISHED).tag("model", model).counter();
    return c == null ? 0 : c.count();
  }

  private double dropped(String reason) {
    return registry.find(EventMeters.DROPPED).tag("reason", reason).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(
      String servers, String topic, int expected) {
    return EventTopic.readUntil(servers, topic, records -> records.size() >= expected);
  }

  private static String requestId(ConsumerRecord<String, byte[]> record) {
    return EventTopic.parse(record).getRequestId();
  }

  @Test
  void publishesEachInferenceKeyedByModelWithItsTensorsRaw() throws Exception {
    String topic = newTopic();
    broker.createTopics(1, topic);
    KafkaEventPublisher publisher = publisher(broker.bootstrapServers(), topic, 100, 1_000_000);

    publisher.record(inference("a", 3, "r1", 0.25f));
    publisher.record(inference("b", 1, "r2", 0.5f));
    publisher.record(inference("a", 3, "r3", 0.75f));

    List<ConsumerRecord<String, byte[]>> records = readAll(broker.bootstrapServers(), topic, 3);
    assertThat(records).extracting(ConsumerRecord::key).containsExactly("a", "b", "a");
    InferenceEvent first = InferenceEvent.parseFrom(records.get(0).value());
    assertThat(first.getModel()).isEqualTo("a");
    assertThat(first.getVersion()).isEqualTo("3");
    assertThat(first.getRequestId()).isEqualTo("r1");
    assertThat(first.getRoute()).isEqualTo("primary");
    assertThat(first.getTimestampMicros()).isEqualTo(1_700_000_000_000_000L);
    assertThat(first.getLatencyMicros()).isEqualTo(1234);
    TensorLimits limits = new TensorLimits(1 << 20);
    Tensor input = EventTensors.fromEvent(first.getInputs(0), TensorRole.INPUT, limits);
    assertThat(input.shape()).containsExactly(2, 2);
    assertThat((float[]) input.values()).containsExactly(0.25f, 1, 2, 3);
    Tensor ids = EventTensors.fromEvent(first.getInputs(1), TensorRole.INPUT, limits);
    assertThat(ids.datatype()).isEqualTo(DataType.INT64);
    assertThat((long[]) ids.values()).containsExactly(7, -8);
    Tensor output = EventTensors.fromEvent(first.getOutputs(0), TensorRole.OUTPUT, limits);
    assertThat(output.name()).isEqualTo("probabilities");
    assertThat((float[]) output.values()).containsExactly(0.25f, 0);
    assertThat(InferenceEvent.parseFrom(records.get(2).value()).getRequestId()).isEqualTo("r3");

    await().untilAsserted(() -> assertThat(published("a")).isEqualTo(2));
    assertThat(published("b")).isEqualTo(1);
  }

  @Test
  void anEventLargerThanTheLimitIsDroppedAndCounted() {
    String topic = newTopic();
    broker.createTopics(1, topic);
    KafkaEventPublisher publisher = publisher(broker.bootstrapServers(), topic, 100, 64);

    publisher.record(inference("a", 1, "big", 1f));
    publisher.record(inference("a", 1, "big-too", 2f));

    await().untilAsserted(() -> assertThat(dropped("too_large")).isEqualTo(2));
    assertThat(published("a")).isZero();
  }

  @Test
  void withKafkaDownEventsAreDroppedAndCountedAndPublishingResumesWhenItIsBack(@TempDir Path dir)
      throws Exception {
    int[] ports = FreePorts.next(2);
    String servers = "127.0.0.1:" + ports[0];
    String topic = newTopic();
    KafkaEventPublisher publisher = publisher(servers, topic, 10, 1_000_000);

    // nothing listens: the sender waits on the producer, the buffer fills, the rest is dropped
    for (int i = 0; i < 500; i++) {
      publisher.record(inference("m", 1, "down-" + i, i));
    }
    assertThat(dropped("buffer_full")).isGreaterThan(0);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(dropped("send_failed")).isGreaterThan(0));
    assertThat(published("m")).isZero();

    Path data = Files.createDirectories(dir.resolve("kafka"));
    try (EmbeddedKafkaBroker back =
        EmbeddedKafkaBroker.builder()
            .dataDirectory(data)
            .port(ports[0])
            .controllerPort(ports[1])
            .build()
            .start()) {
      back.createTopics(1, topic);
      AtomicInteger sent = new AtomicInteger();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                publisher.record(inference("m", 1, "back-" + sent.incrementAndGet(), 0));
                return published("m") > 0;
              });
      // events still buffered when Kafka came back may arrive too; a new one must
      await().untilAsserted(() -> assertThat(publisher.buffered()).isZero());
      publisher.record(inference("m", 1, "back-last", 0));
      List<ConsumerRecord<String, byte[]>> records =
          EventTopic.readUntil(
              servers, topic, rs -> rs.stream().anyMatch(r -> requestId(r).equals("back-last")));
      await()
          .untilAsserted(() -> assertThat(published("m")).isGreaterThanOrEqualTo(records.size()));
      publisher.close();
    }
  }
}

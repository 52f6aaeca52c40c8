package dev.modelport.serving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.protocol.event.InferenceEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-off from the request path to the producer, against a {@link MockProducer}: batches keep
 * the order, recording wakes the sender only at half a bound, close flushes, and a full buffer
 * drops and counts.
 */
class KafkaEventPublisherHandOffTest {

  private static final Duration NEVER = Duration.ofHours(1);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private KafkaEventPublisher publisher;

  @AfterEach
  void close() {
    if (publisher != null) {
      publisher.close();
    }
  }

  private KafkaEventPublisher publisher(
      MockProducer<String, byte[]> producer, int bufferEvents, Duration drainInterval) {
    publisher =
        new KafkaEventPublisher(
            new EventSampler(1.0, Map.of(), 1L),
            new EventBuffer(bufferEvents, 64L << 20),
            producer,
            "events",
            1_000_000,
            Duration.ofSeconds(5),
            drainInterval,
            new EventMeters(registry),
            "mock");
    return publisher;
  }

  private static MockProducer<String, byte[]> mockProducer() {
    return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  }

  private static CompletedInference inference(String id) {
    return new CompletedInference(
        "m",
        EventBufferTest.inference("m", 2).version(),
        "primary",
        id,
        EventBufferTest.inference("m", 2).inputs(),
        List.of(),
        0,
        0);
  }

  private static List<String> requestIds(MockProducer<String, byte[]> producer) {
    return producer.history().stream()
        .map(
            r -> {
              try {
                return InferenceEvent.parseFrom(r.value()).getRequestId();
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  private double dropped(String reason) {
    return registry.find(EventMeters.DROPPED).tag("reason", reason).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private double published() {
    Counter c = registry.find(EventMeters.PUBLISHED).tag("model", "m").counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void eventsSentInBatchesKeepTheirOrder() {
    MockProducer<String, byte[]> producer = mockProducer();
    KafkaEventPublisher p = publisher(producer, 10_000, Duration.ofMillis(1));
    int n = 3 * KafkaEventPublisher.MAX_BATCH + 7;
    List<String> ids = java.util.stream.IntStream.range(0, n).mapToObj(i -> "r" + i).toList();

    ids.forEach(id -> p.record(inference(id)));

    await().untilAsserted(() -> assertThat(producer.history()).hasSize(n));
    assertThat(requestIds(producer)).containsExactlyElementsOf(ids);
    assertThat(producer.history()).allSatisfy(r -> assertThat(r.key()).isEqualTo("m"));
    await().untilAsserted(() -> assertThat(published()).isEqualTo(n));
    assertThat(dropped("buffer_full")).isZero();
  }

  @Test
  void belowHalfTheBufferRecordingWakesNoSenderUntilItsDrainInterval() {
    MockProducer<String, byte[]> producer = mockProducer();
    KafkaEventPublisher p = publisher(producer, 100, NEVER);
    await().until(p::senderWaiting);

    for (int i = 0; i < 49; i++) {
      p.record(inference("r" + i));
    }

    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> producer.history().isEmpty());
    assertThat(p.buffered()).isEqualTo(49);
  }

  @Test
  void theEventThatFillsHalfTheBufferWakesTheSender() {
    MockProducer<String, byte[]> producer = mockProducer();
    KafkaEventPublisher p = publisher(producer, 100, NEVER);
    await().until(p::senderWaiting);

    for (int i = 0; i < 50; i++) {
      p.record(inference("r" + i));
    }

    await().untilAsserted(() -> assertThat(producer.history()).hasSize(50));
  }

  @Test
  void closeSendsWhatIsBufferedBeforeItsDrainInterval() {
    MockProducer<String, byte[]> producer = mockProducer();
    KafkaEventPublisher p = publisher(producer, 100, NEVER);
    await().until(p::senderWaiting);
    for (int i = 0; i < 10; i++) {
      p.record(inference("r" + i));
    }

    p.close();

    assertThat(requestIds(producer))
        .containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
    assertThat(dropped("shutdown")).isZero();
    assertThat(published()).isEqualTo(10);
  }

  @Test
  void withTheSenderStuckInKafkaAFullBufferDropsAndCountsEachFurtherEvent() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, byte[]> record, Callback callback) {
            entered.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.send(record, callback);
          }
        };
    KafkaEventPublisher p = publisher(producer, 10, Duration.ofMillis(1));
    p.record(inference("stuck"));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

    for (int i = 0; i < 13; i++) {
      p.record(inference("r" + i)); // 10 fit, 3 do not
    }

    assertThat(dropped("buffer_full")).isEqualTo(3);
    assertThat(p.buffered()).isEqualTo(10);
    release.countDown();
    await().untilAsserted(() -> assertThat(producer.history()).hasSize(11));
    assertThat(requestIds(producer).get(10)).isEqualTo("r9");
  }
}

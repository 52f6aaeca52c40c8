package dev.modelport.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

  @Test
  void producedRecordsAreConsumedInOrderByAConsumerGroup() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
      broker.createTopics(3, "events");
      assertThat(broker.topicNames()).contains("events");

      List<String> sent = produce(broker, "events", "model-a", 50);
      List<String> received = consume(broker, "events", 50);

      // One key goes to one partition, so the order of that key is kept.
      assertThat(received).containsExactlyElementsOf(sent);
    }
  }

  @Test
  void restartOnTheSameDirectoryReadsBackWhatWasWritten(@TempDir Path dir) throws Exception {
    List<String> sent;
    int port;
    try (EmbeddedKafkaBroker first =
        EmbeddedKafkaBroker.builder().dataDirectory(dir).build().start()) {
      first.createTopics(1, "durable");
      sent = produce(first, "durable", "k", 20);
      port = first.port();
    }
    assertThat(Files.exists(dir.resolve("metadata").resolve("meta.properties")))
        .as("the caller's directory is kept after close")
        .isTrue();

    try (EmbeddedKafkaBroker second =
        EmbeddedKafkaBroker.builder().dataDirectory(dir).port(port).build().start()) {
      assertThat(second.topicNames()).contains("durable");
      assertThat(consume(second, "durable", 20)).containsExactlyElementsOf(sent);
    }
  }

  @Test
  void temporaryDataDirectoryIsDeletedOnClose() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
    Path dir = broker.dataDirectory();
    assertThat(dir).isDirectory();
    broker.close();
    assertThat(dir).doesNotExist();
  }

  @Test
  void aBrokerStartsOnlyOnce() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
      assertThatThrownBy(broker::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("starts once");
    }
  }

  @Test
  void anInvalidPortIsRefusedWithItsValue() {
    assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  @Test
  void quarkusTestResourceStartsABrokerAndPointsKafkaClientsAtIt() throws Exception {
    EmbeddedKafkaResource resource = new EmbeddedKafkaResource();
    resource.init(Map.of("topics", "modelport.inference-events", "partitions", "2"));
    Map<String, String> config = resource.start();
    try {
      String servers = config.get("kafka.bootstrap.servers");
      assertThat(servers).startsWith("127.0.0.1:");
      assertThat(config).containsEntry("quarkus.kafka.devservices.enabled", "false");

      List<String> sent = produce(servers, "modelport.inference-events", "m", 5);
      assertThat(consume(servers, "modelport.inference-events", 5)).containsExactlyElementsOf(sent);
    } finally {
      resource.stop();
    }
  }

  private static List<String> produce(
      EmbeddedKafkaBroker broker, String topic, String key, int count) throws Exception {
    return produce(broker.bootstrapServers(), topic, key, count);
  }

  private static List<String> produce(String servers, String topic, String key, int count)
      throws Exception {
    List<String> values = new ArrayList<>();
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            servers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < count; i++) {
        String value = "value-" + i + "-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(topic, key, value)).get();
        values.add(value);
      }
    }
    return values;
  }

  private static List<String> consume(EmbeddedKafkaBroker broker, String topic, int expected) {
    return consume(broker.bootstrapServers(), topic, expected);
  }

  private static List<String> consume(String servers, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            servers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}

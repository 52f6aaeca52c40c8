package dev.modelport.serving.events;

import static org.awaitility.Awaitility.await;

import dev.modelport.protocol.event.InferenceEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the events of a one-partition topic from its beginning, as the tests check them. */
final class EventTopic {

  private EventTopic() {}

  /** The records from the beginning until {@code done} holds for those read (30 s at most). */
  static List<ConsumerRecord<String, byte[]>> readUntil(
      String servers, String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return done.test(records);
              });
      return records;
    }
  }

  /** The event of a record. */
  static InferenceEvent parse(ConsumerRecord<String, byte[]> record) {
    try {
      return InferenceEvent.parseFrom(record.value());
    } catch (IOException e) {
      throw new AssertionError("not an InferenceEvent", e);
    }
  }
}

package dev.modelport.drift.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends records to the embedded broker and waits until they are acknowledged. */
public final class Producers {

  /** A record to send: key (model name) and value bytes. */
  public record Message(String key, byte[] value) {}

  private Producers() {}

  public static KafkaProducer<String, byte[]> create(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "8388608");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends in order to partition 0 ... of the key's choosing; returns the offsets. */
  public static List<Long> send(String bootstrap, String topic, List<Message> messages) {
    try (KafkaProducer<String, byte[]> producer = create(bootstrap)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Message m : messages) {
        sent.add(producer.send(new ProducerRecord<>(topic, m.key(), m.value())));
      }
      producer.flush();
      List<Long> offsets = new ArrayList<>();
      for (Future<RecordMetadata> f : sent) {
        offsets.add(f.get().offset());
      }
      return offsets;
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }
}

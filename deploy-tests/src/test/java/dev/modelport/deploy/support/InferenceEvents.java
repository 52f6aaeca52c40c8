package dev.modelport.deploy.support;

import com.google.protobuf.ByteString;
import dev.modelport.protocol.event.EventTensor;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes inference events of {@link Traffic#MODEL} the way serving does (protobuf {@code
 * InferenceEvent}, key = model name, inputs as raw little-endian tensors), plus an undecodable one,
 * so that drift-monitor has windows to evaluate and a bad event to count. Serving publishes no
 * events yet (issue 12).
 */
public final class InferenceEvents {

  public static final String TOPIC = "modelport.inference-events";

  private InferenceEvents() {}

  /** Sends {@code events} events of {@code rowsPerEvent} test.csv rows each, and one bad event. */
  public static void publish(String bootstrap, int events, int rowsPerEvent) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    CsvTable test = ExampleModels.csv(Traffic.MODEL, "test.csv");
    int features = test.header().size() - 1;
    float[] all = test.floats(0, features);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int e = 0; e < events; e++) {
        ByteBuffer raw =
            ByteBuffer.allocate(rowsPerEvent * features * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rowsPerEvent; r++) {
          int row = (e * rowsPerEvent + r) % test.size();
          for (int f = 0; f < features; f++) {
            raw.putFloat(all[row * features + f]);
          }
        }
        InferenceEvent event =
            InferenceEvent.newBuilder()
                .setModel(Traffic.MODEL)
                .setVersion("1")
                .setRequestId(UUID.randomUUID().toString())
                .setTimestampMicros(System.currentTimeMillis() * 1000)
                .setRoute("primary")
                .addInputs(
                    EventTensor.newBuilder()
                        .setName("input")
                        .setDatatype("FP32")
                        .addShape(rowsPerEvent)
                        .addShape(features)
                        .setRawContents(ByteString.copyFrom(raw.array())))
                .build();
        producer.send(new ProducerRecord<>(TOPIC, Traffic.MODEL, event.toByteArray())).get();
      }
      producer.send(new ProducerRecord<>(TOPIC, Traffic.MODEL, new byte[] {1, 2, 3})).get();
    }
  }
}

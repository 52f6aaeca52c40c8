package dev.modelport.serving.events;

import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.testsupport.ExampleModels.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.kafka.embedded.EmbeddedKafkaResource;
import dev.modelport.kafka.embedded.InjectEmbeddedKafka;
import dev.modelport.protocol.event.EventTensors;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.rest.RequestInput;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import dev.modelport.serving.Fixtures;
import dev.modelport.serving.api.V2Client;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Served requests become inference events on the topic, through the whole request path. */
@QuarkusTest
@TestProfile(InferenceEventsTest.OneModel.class)
@WithTestResource(
    value = EmbeddedKafkaResource.class,
    initArgs = @ResourceArg(name = "topics", value = "modelport.inference-events"))
class InferenceEventsTest {

  static final String MODEL = "breast-cancer-mlp";

  /** Only the model this test calls, so that the application starts fast. */
  public static class OneModel implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("modelport.serving.models", MODEL);
    }
  }

  @InjectEmbeddedKafka EmbeddedKafkaBroker broker;

  @Test
  void aServedRequestArrivesAsAnEventWithItsInputsOutputsAndTheVersionThatAnswered()
      throws IOException {
    Tensor input = fp32("input", Fixtures.firstRows(csv(MODEL, "test.csv"), 3), 0, 30);
    InferenceRequest request =
        new InferenceRequest("evt-rest-1", null, List.of(RequestInput.of(input)), null);
    Response response =
        V2Client.post(
            V2Client.path(MODEL, "2"),
            InferenceJsonEncoder.encodeRequest(request, name -> false).bytes());
    response.then().statusCode(200);
    float[] answered = V2Client.firstOutput(response);

    ConsumerRecord<String, byte[]> record = awaitEvent("evt-rest-1");
    assertThat(record.key()).isEqualTo(MODEL);
    InferenceEvent event = InferenceEvent.parseFrom(record.value());
    assertThat(event.getModel()).isEqualTo(MODEL);
    assertThat(event.getVersion()).isEqualTo("2");
    assertThat(event.getRoute()).isEqualTo("primary");
    assertThat(event.getTimestampMicros()).isPositive();
    TensorLimits limits = new TensorLimits(1 << 20);
    Tensor sent = EventTensors.fromEvent(event.getInputs(0), TensorRole.INPUT, limits);
    assertThat(sent.shape()).containsExactly(3, 30);
    assertThat((float[]) sent.data()).containsExactly((float[]) input.data());
    Tensor out = EventTensors.fromEvent(event.getOutputs(0), TensorRole.OUTPUT, limits);
    assertThat((float[]) out.data()).containsExactly(answered);

    await()
        .untilAsserted(
            () ->
                assertThat(RestAssured.get("/q/metrics").asString())
                    .containsPattern(
                        "modelport_events_published_total\\{[^}]*model=\"" + MODEL + "\""));
  }

  @Test
  void aRequestWithoutAnIdGetsOneInItsEvent() throws IOException {
    Tensor input = fp32("input", Fixtures.firstRows(csv(MODEL, "test.csv"), 1), 0, 30);
    V2Client.infer(MODEL, "1", List.of(input)).then().statusCode(200);

    List<ConsumerRecord<String, byte[]>> records =
        read(rs -> rs.stream().anyMatch(r -> version(r).equals("1")));
    InferenceEvent event =
        InferenceEvent.parseFrom(
            records.stream().filter(r -> version(r).equals("1")).findFirst().get().value());
    assertThat(event.getRequestId()).isNotBlank();
  }

  private ConsumerRecord<String, byte[]> awaitEvent(String requestId) {
    List<ConsumerRecord<String, byte[]>> records =
        read(rs -> rs.stream().anyMatch(r -> requestId(r).equals(requestId)));
    Optional<ConsumerRecord<String, byte[]>> found =
        records.stream().filter(r -> requestId(r).equals(requestId)).findFirst();
    return found.orElseThrow();
  }

  private List<ConsumerRecord<String, byte[]>> read(
      java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      TopicPartition partition = new TopicPartition("modelport.inference-events", 0);
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

  private static String requestId(ConsumerRecord<String, byte[]> record) {
    return parse(record).getRequestId();
  }

  private static String version(ConsumerRecord<String, byte[]> record) {
    return parse(record).getVersion();
  }

  private static InferenceEvent parse(ConsumerRecord<String, byte[]> record) {
    try {
      return InferenceEvent.parseFrom(record.value());
    } catch (IOException e) {
      throw new AssertionError("not an InferenceEvent", e);
    }
  }
}

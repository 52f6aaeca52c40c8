package dev.modelport.serving.events;

import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.testsupport.ExampleModels.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.protocol.event.EventTensors;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.event.TraceParent;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.rest.RequestInput;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import dev.modelport.serving.Fixtures;
import dev.modelport.serving.api.V2Client;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Served requests become inference events on the topic, through the whole request path. */
@QuarkusTest
class InferenceEventsTest {

  static final String MODEL = "breast-cancer-mlp";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void aServedRequestArrivesAsAnEventWithItsInputsOutputsVersionAndRole() throws IOException {
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
    // the local source's default version 1 is primary; version 2 is loaded, addressable by number
    assertThat(event.getRoute()).isEqualTo("pinned");
    assertThat(event.getTimestampMicros()).isPositive();
    TensorLimits limits = new TensorLimits(1 << 20);
    Tensor sent = EventTensors.fromEvent(event.getInputs(0), TensorRole.INPUT, limits);
    assertThat(sent.shape()).containsExactly(3, 30);
    assertThat((float[]) sent.values()).containsExactly((float[]) input.values());
    Tensor out = EventTensors.fromEvent(event.getOutputs(0), TensorRole.OUTPUT, limits);
    assertThat((float[]) out.values()).containsExactly(answered);

    await()
        .untilAsserted(
            () ->
                assertThat(RestAssured.get("/q/metrics").asString())
                    .containsPattern(
                        "modelport_events_published_total\\{[^}]*model=\"" + MODEL + "\""));
  }

  @Test
  void aRequestWithoutAnIdGetsOneInItsEvent() throws IOException {
    float[] row = new float[30];
    row[0] = MARKER; // finds this request's event among the other tests' events
    Tensor input = new Tensor("input", DataType.FP32, new long[] {1, 30}, row);
    V2Client.infer(MODEL, "1", List.of(input)).then().statusCode(200);

    List<ConsumerRecord<String, byte[]>> records = read(rs -> rs.stream().anyMatch(r -> marked(r)));
    InferenceEvent event =
        InferenceEvent.parseFrom(
            records.stream().filter(r -> marked(r)).findFirst().orElseThrow().value());
    assertThat(event.getRequestId()).isNotBlank();
    assertThat(event.getVersion()).isEqualTo("1");
    assertThat(event.getRoute()).isEqualTo("primary");
  }

  @Test
  void aTracedRequestsEventCarriesItsTraceparentAndAnUntracedOneNone() throws IOException {
    Tensor input = fp32("input", Fixtures.firstRows(csv(MODEL, "test.csv"), 1), 0, 30);
    String traceId =
        "4bf92f3577b34da6a3ce929d0e0e"
            + Integer.toHexString(0x1000 + (int) (System.nanoTime() & 0xfff));
    byte[] traced =
        InferenceJsonEncoder.encodeRequest(
                new InferenceRequest("evt-traced", null, List.of(RequestInput.of(input)), null),
                name -> false)
            .bytes();
    RestAssured.given()
        .contentType("application/json")
        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
        .body(traced)
        .post(V2Client.path(MODEL, null))
        .then()
        .statusCode(200);
    byte[] untraced =
        InferenceJsonEncoder.encodeRequest(
                new InferenceRequest("evt-untraced", null, List.of(RequestInput.of(input)), null),
                name -> false)
            .bytes();
    RestAssured.given()
        .contentType("application/json")
        .header("traceparent", "00-" + traceId.replace('4', '5') + "-00f067aa0ba902b7-00")
        .body(untraced)
        .post(V2Client.path(MODEL, null))
        .then()
        .statusCode(200);

    InferenceEvent event = InferenceEvent.parseFrom(awaitEvent("evt-traced").value());
    TraceParent parent = TraceParent.parse(event.getTraceparent()).orElseThrow();
    assertThat(parent.traceId()).isEqualTo(traceId);
    assertThat(parent.sampled()).isTrue();
    assertThat(parent.spanId()).isNotEqualTo("00f067aa0ba902b7"); // the server's request span
    assertThat(InferenceEvent.parseFrom(awaitEvent("evt-untraced").value()).getTraceparent())
        .isEmpty();
  }

  private static final float MARKER = 12345.625f;

  private static boolean marked(ConsumerRecord<String, byte[]> record) {
    InferenceEvent e = EventTopic.parse(record);
    if (!e.getModel().equals(MODEL) || e.getInputsCount() != 1) {
      return false;
    }
    Tensor t = EventTensors.fromEvent(e.getInputs(0), TensorRole.INPUT, new TensorLimits(1 << 20));
    return t.values() instanceof float[] f && f.length > 0 && f[0] == MARKER;
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
    return EventTopic.readUntil(bootstrapServers, "modelport.inference-events", done);
  }

  private static String requestId(ConsumerRecord<String, byte[]> record) {
    return EventTopic.parse(record).getRequestId();
  }
}

package dev.modelport.drift;

import static dev.modelport.drift.support.ExampleModels.BREAST;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.support.FakeRegistryResource;
import dev.modelport.drift.support.InferenceEvents;
import dev.modelport.drift.support.Producers;
import dev.modelport.drift.support.Producers.Message;
import dev.modelport.drift.support.TracedEvents;
import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.kafka.embedded.EmbeddedKafkaResource;
import dev.modelport.kafka.embedded.InjectEmbeddedKafka;
import dev.modelport.protocol.event.TraceParent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With the sampling ratio at 0, evaluating a window whose events all carry sampled trace contexts
 * exports no span: links never make a root span sampled. A request whose caller sampled its trace
 * is still followed (parent-based), which shows the exporter works in this configuration.
 */
@QuarkusTest
@TestProfile(DriftTracingOffTest.RatioZero.class)
@WithTestResource(
    value = EmbeddedKafkaResource.class,
    initArgs = {@ResourceArg(name = "topics", value = DriftTracingOffTest.TOPIC)})
@WithTestResource(FakeRegistryResource.class)
class DriftTracingOffTest {

  static final String TOPIC = "modelport.inference-events";

  public static class RatioZero implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "modelport.drift.models.breast-cancer-mlp.window.max-rows",
          "114",
          "modelport.drift.consumer.poll-timeout",
          "100ms",
          "quarkus.otel.sdk.disabled",
          "false",
          "quarkus.otel.traces.sampler.arg",
          "0");
    }
  }

  @InjectEmbeddedKafka EmbeddedKafkaBroker broker;

  @Inject InMemorySpanExporter spans;

  @Inject OpenTelemetry openTelemetry;

  @Test
  void aWindowOfTracedEventsIsEvaluatedWithoutExportingAnySpan() {
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    long now = System.currentTimeMillis() * 1000L;
    List<Message> messages = new ArrayList<>();
    for (int from = 0, i = 0; from < test.length; from += 19, i++) {
      var event =
          InferenceEvents.breast("1", test, from, from + 19, now + i).toBuilder()
              .setTraceparent(TracedEvents.randomTrace(true).format())
              .build();
      messages.add(new Message(BREAST, event.toByteArray()));
    }
    Producers.send(broker.bootstrapServers(), TOPIC, messages);

    await("the window evaluated")
        .atMost(Duration.ofSeconds(60))
        .until(() -> given().get("/api/v1/drift/" + BREAST + "/versions/1").statusCode() == 200);
    TraceParent caller = TracedEvents.randomTrace(true);
    given()
        .header("traceparent", caller.format())
        .get("/api/v1/drift/" + BREAST)
        .then()
        .statusCode(200);
    flush();

    List<SpanData> exported = spans.getFinishedSpanItems();
    assertThat(exported).as("the caller's sampled request is traced").isNotEmpty();
    assertThat(exported)
        .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(caller.traceId()))
        .noneMatch(s -> s.getName().equals("drift.window.evaluate"));
  }

  private void flush() {
    assertThat(openTelemetry).isInstanceOf(OpenTelemetrySdk.class);
    CompletableResultCode flushed =
        ((OpenTelemetrySdk) openTelemetry).getSdkTracerProvider().forceFlush();
    assertThat(flushed.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
  }
}

package dev.modelport.drift;

import static dev.modelport.drift.support.ExampleModels.BREAST;
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
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.event.TraceParent;
import io.opentelemetry.api.common.AttributeKey;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Events published to the embedded broker with the {@code traceparent} of the requests that
 * produced them reach the drift-monitor, and the {@code drift.window.evaluate} span of their window
 * links back to those traces (spans exported in memory, every root span sampled).
 */
@QuarkusTest
@TestProfile(DriftTracingTest.Traced.class)
@WithTestResource(
    value = EmbeddedKafkaResource.class,
    initArgs = {@ResourceArg(name = "topics", value = DriftTracingTest.TOPIC)})
@WithTestResource(FakeRegistryResource.class)
class DriftTracingTest {

  static final String TOPIC = "modelport.inference-events";

  /** Windows of one test.csv (114 rows); every root span sampled; spans exported within 100 ms. */
  public static class Traced implements QuarkusTestProfile {
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
          "1",
          "quarkus.otel.bsp.schedule.delay",
          "100ms");
    }
  }

  @InjectEmbeddedKafka EmbeddedKafkaBroker broker;

  @Inject InMemorySpanExporter spans;

  @Test
  void theWindowsEvaluationSpanLinksToTheSampledTracesOfItsEvents() {
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    long now = System.currentTimeMillis() * 1000L;
    List<TraceParent> sampled = new ArrayList<>();
    List<Message> messages = new ArrayList<>();
    for (int from = 0, i = 0; from < test.length; from += 19, i++) {
      InferenceEvent event = InferenceEvents.breast("1", test, from, from + 19, now + i);
      if (i == 1) {
        // a version 1 event: no traceparent
      } else if (i == 2) {
        event = event.toBuilder().setTraceparent(TracedEvents.randomTrace(false).format()).build();
      } else if (i == 3) {
        event = event.toBuilder().setTraceparent("00-not-a-valid-traceparent").build();
      } else {
        TraceParent trace = TracedEvents.randomTrace(true);
        sampled.add(trace);
        event = event.toBuilder().setTraceparent(trace.format()).build();
      }
      messages.add(new Message(BREAST, event.toByteArray()));
    }
    assertThat(messages).hasSize(6);
    assertThat(sampled).hasSize(3);

    Producers.send(broker.bootstrapServers(), TOPIC, messages);

    SpanData span =
        await("the evaluation span of the window")
            .atMost(Duration.ofSeconds(60))
            .until(this::evaluationSpan, Optional::isPresent)
            .orElseThrow();
    assertThat(span.getLinks())
        .extracting(l -> l.getSpanContext().getTraceId() + "-" + l.getSpanContext().getSpanId())
        .containsExactlyElementsOf(
            sampled.stream().map(t -> t.traceId() + "-" + t.spanId()).toList());
    assertThat(span.getAttributes().get(AttributeKey.stringKey("modelport.model")))
        .isEqualTo(BREAST);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("modelport.version")))
        .isEqualTo("1");
    assertThat(span.getAttributes().get(AttributeKey.longKey("modelport.window.rows")))
        .isEqualTo(114);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("modelport.window.close_reason")))
        .isEqualTo("rows");
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("modelport.drift.detected")))
        .isFalse();
    assertThat(span.getAttributes().get(AttributeKey.doubleKey("modelport.drift.share")))
        .isNotNull()
        .isLessThan(0.5);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
  }

  private Optional<SpanData> evaluationSpan() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("drift.window.evaluate"))
        .findFirst();
  }
}

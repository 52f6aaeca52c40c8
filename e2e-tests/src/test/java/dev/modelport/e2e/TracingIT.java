package dev.modelport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.Http;
import dev.modelport.testsupport.OtlpReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracing across the packaged services, into an OTLP receiver inside the test: a rollout from the
 * registry traced by serving, then one inference whose caller sends a sampled {@code traceparent};
 * its spans reach the receiver in the caller's trace, its inference event carries the trace context
 * through Kafka, and drift-monitor's span of the window the event closed links back to the
 * request's trace.
 */
class TracingIT {

  private static final String MODEL = ExampleModels.BREAST_CANCER;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path work;
  static OtlpReceiver receiver;
  static Suite suite;
  static RegistryClient registry;

  @BeforeAll
  static void startTheSuite() throws IOException {
    receiver = OtlpReceiver.keeping();
    Suite.Builder b = Suite.in(work);
    for (String key :
        List.of(
            "quarkus.otel.sdk.disabled=false",
            "quarkus.otel.traces.sampler.arg=1.0",
            "quarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
            "quarkus.otel.exporter.otlp.traces.endpoint=" + receiver.endpoint(),
            "quarkus.otel.bsp.schedule.delay=100ms")) {
      String name = key.substring(0, key.indexOf('='));
      String value = key.substring(key.indexOf('=') + 1);
      b.registry(name, value).serving(name, value).drift(name, value);
    }
    // one window per request of 10 rows
    suite = b.drift("modelport.drift.models.\"" + MODEL + "\".window.max-rows", 10).start();
    registry = suite.registryClient();
  }

  @AfterAll
  static void stopTheSuite() {
    if (registry != null) {
      registry.close();
    }
    if (suite != null) {
      suite.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aRolloutAndATracedRequestReachTheCollectorAndTheDriftWindowLinksBackToTheRequest() {
    ModelVersion v = SuiteCalls.register(registry, MODEL);
    SuiteCalls.alias(registry, MODEL, "champion", v.version());
    String version = v.version().toString();
    Http.awaitStatus(
        suite.serving.resolve("/v2/models/" + MODEL + "/versions/" + version + "/ready"),
        200,
        Duration.ofSeconds(60));

    await("serving's rollout spans")
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(receiver.spans())
                    .filteredOn(s -> s.service().equals("modelport-serving"))
                    .extracting(OtlpReceiver.Received::name)
                    .contains(
                        "modelport.rollout",
                        "modelport.rollout.download",
                        "modelport.rollout.verify",
                        "modelport.rollout.load",
                        "modelport.rollout.warmup",
                        "modelport.rollout.switch"));

    String traceId = "0af7651916cd43dd8448eb211c80319c";
    String callerSpan = "b7ad6b7169203331";
    SuiteCalls.Answer answer =
        SuiteCalls.postJson(
            suite.serving.resolve("/v2/models/" + MODEL + "/infer"),
            InferenceJsonEncoder.encodeRequest(
                    SuiteCalls.inputs(MODEL, ExampleModels.csv(MODEL, "test.csv"), 0, 10))
                .bytes(),
            Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);

    await("the request's spans and the drift window's span")
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(receiver.trace(traceId))
                  .extracting(OtlpReceiver.Received::name)
                  .contains("modelport.request", "modelport.batch", "modelport.engine");
              assertThat(receiver.spans())
                  .filteredOn(s -> s.service().equals("modelport-drift-monitor"))
                  .filteredOn(s -> s.name().equals("drift.window.evaluate"))
                  .anySatisfy(s -> assertThat(s.linkedTraceIds()).contains(traceId));
            });
    OtlpReceiver.Received server =
        receiver.trace(traceId).stream()
            .filter(s -> s.parentSpanId().equals(callerSpan))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no span of the caller's span in the trace"));
    assertThat(server.service()).isEqualTo("modelport-serving");
  }
}

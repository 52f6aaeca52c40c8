package dev.modelport.registry.tracing;

import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.READER;
import static dev.modelport.registry.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.registry.Api;
import dev.modelport.registry.events.EventFeed;
import dev.modelport.testsupport.ExampleModels;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Traces of registry requests whose caller sends a W3C {@code traceparent}: a sampled caller is
 * followed even at the 1 % ratio the tests run at; an upload makes the spool, baseline and commit
 * spans and a change-feed poll its poll span, children of the REST server span in the caller's
 * trace; an unsampled caller gets no span.
 */
@QuarkusTest
class RegistryTracingTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String EXAMPLE = ExampleModels.BREAST_CANCER;

  @Inject InMemorySpanExporter exporter;
  @Inject EventFeed feed;

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1; // never all zero (an invalid id)
    return HexFormat.of().formatHex(b);
  }

  private static String traceparent(String traceId, String spanId, boolean sampled) {
    return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
  }

  /** Uploads the example's artifact with its model.yaml and train.csv (so a baseline is built). */
  private static ValidatableResponse upload(String model, String traceparent) throws Exception {
    Path dir = ExampleModels.dir(EXAMPLE);
    return as(PUBLISHER)
        .header("traceparent", traceparent)
        .multiPart("metadata", "{\"format\": \"onnx\"}", "application/json")
        .multiPart(
            "artifact",
            "model.onnx",
            Files.readAllBytes(ExampleModels.onnx(EXAMPLE)),
            "application/octet-stream")
        .multiPart(
            "model.yaml",
            "model.yaml",
            Files.readAllBytes(dir.resolve("model.yaml")),
            "application/yaml")
        .multiPart(
            "training-data", "train.csv", Files.readAllBytes(dir.resolve("train.csv")), "text/csv")
        .post("/api/v1/models/{m}/versions", model)
        .then();
  }

  private static JsonPath poll(long after, String wait, String traceparent) {
    return as(READER)
        .header("traceparent", traceparent)
        .queryParam("after", after)
        .queryParam("wait", wait)
        .get("/api/v1/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static long last() {
    return as(READER)
        .get("/api/v1/events/last")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("last");
  }

  private List<SpanData> spansOf(String traceId) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .toList();
  }

  /**
   * Waits for the server span (the child of the caller's span) and the spans named {@code names} of
   * the trace, then returns them by name, the server span under {@code "server"}.
   */
  private Map<String, SpanData> awaitTrace(String traceId, String callerSpanId, String... names) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<SpanData> spans = spansOf(traceId);
              assertThat(spans).extracting(SpanData::getName).contains(names);
              assertThat(spans).anyMatch(s -> s.getParentSpanId().equals(callerSpanId));
            });
    List<SpanData> spans = spansOf(traceId);
    Map<String, SpanData> byName =
        spans.stream()
            .filter(s -> !s.getParentSpanId().equals(callerSpanId))
            .collect(Collectors.toMap(SpanData::getName, s -> s, (a, b) -> a));
    SpanData server =
        spans.stream().filter(s -> s.getParentSpanId().equals(callerSpanId)).findFirst().get();
    assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
    byName.put("server", server);
    return byName;
  }

  @Test
  void anUploadMakesSpoolBaselineAndCommitSpansInTheCallersSampledTrace() throws Exception {
    String traceId = hex(16);
    String callerSpan = hex(8);
    String model = Api.uniqueName("traced");
    byte[] artifact = Files.readAllBytes(ExampleModels.onnx(EXAMPLE));
    upload(model, traceparent(traceId, callerSpan, true)).statusCode(201).extract().path("version");

    Map<String, SpanData> spans =
        awaitTrace(
            traceId,
            callerSpan,
            RegistrySpans.UPLOAD_SPOOL,
            RegistrySpans.UPLOAD_BASELINE,
            RegistrySpans.UPLOAD_COMMIT);
    String server = spans.get("server").getSpanId();
    for (String name :
        List.of(
            RegistrySpans.UPLOAD_SPOOL,
            RegistrySpans.UPLOAD_BASELINE,
            RegistrySpans.UPLOAD_COMMIT)) {
      SpanData span = spans.get(name);
      assertThat(span.getParentSpanId()).as(name + "'s parent").isEqualTo(server);
      assertThat(span.getAttributes().get(RegistrySpans.MODEL)).as(name).isEqualTo(model);
      assertThat(span.getAttributes().get(RegistrySpans.BYTES)).as(name).isEqualTo(artifact.length);
    }
    assertThat(spans.get(RegistrySpans.UPLOAD_SPOOL).getAttributes().get(RegistrySpans.SHA256))
        .isEqualTo(Api.sha256(artifact));
    assertThat(spans.get(RegistrySpans.UPLOAD_COMMIT).getAttributes().get(RegistrySpans.VERSION))
        .isEqualTo("1");
    SpanData spool = spans.get(RegistrySpans.UPLOAD_SPOOL);
    SpanData baseline = spans.get(RegistrySpans.UPLOAD_BASELINE);
    SpanData commit = spans.get(RegistrySpans.UPLOAD_COMMIT);
    assertThat(spool.getEndEpochNanos()).isLessThanOrEqualTo(baseline.getStartEpochNanos());
    assertThat(baseline.getEndEpochNanos()).isLessThanOrEqualTo(commit.getStartEpochNanos());
  }

  @Test
  void aPollThatFindsEventsHasAPollSpanWithTheirCount() {
    long start = last();
    String model = Api.uniqueName("polled");
    Api.uploadVersion(model, Api.onnx(10, 3));
    String traceId = hex(16);
    String callerSpan = hex(8);
    JsonPath answer = poll(start, "5s", traceparent(traceId, callerSpan, true));
    int returned = answer.getList("events").size();
    assertThat(returned).isPositive();

    SpanData span =
        awaitTrace(traceId, callerSpan, RegistrySpans.EVENTS_POLL).get(RegistrySpans.EVENTS_POLL);
    assertThat(span.getAttributes().get(RegistrySpans.EVENTS_AFTER)).isEqualTo(start);
    assertThat(span.getAttributes().get(RegistrySpans.EVENTS_WAIT_MS)).isEqualTo(5000L);
    assertThat(span.getAttributes().get(RegistrySpans.EVENTS_COUNT)).isEqualTo(returned);
    assertThat(span.getAttributes().get(RegistrySpans.EVENTS_LAST))
        .isEqualTo(answer.getLong("last"));
  }

  @Test
  void aParkedPollsSpanEndsWithTheEventThatAnsweredIt() throws Exception {
    long start = last();
    String traceId = hex(16);
    String callerSpan = hex(8);
    CompletableFuture<JsonPath> answer =
        CompletableFuture.supplyAsync(
            () -> poll(start, "30s", traceparent(traceId, callerSpan, true)));
    await().atMost(WAIT).until(() -> feed.parkedPolls() > 0);
    assertThat(spansOf(traceId))
        .extracting(SpanData::getName)
        .doesNotContain(RegistrySpans.EVENTS_POLL);

    Api.uploadVersion(Api.uniqueName("wakes"), Api.onnx(10, 4));
    JsonPath batch = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    int returned = batch.getList("events").size();
    assertThat(returned).isPositive();

    SpanData span =
        awaitTrace(traceId, callerSpan, RegistrySpans.EVENTS_POLL).get(RegistrySpans.EVENTS_POLL);
    assertThat(span.getAttributes().get(RegistrySpans.EVENTS_COUNT)).isEqualTo(returned);
    assertThat(span.getParentSpanId())
        .isEqualTo(
            spansOf(traceId).stream()
                .filter(s -> s.getParentSpanId().equals(callerSpan))
                .findFirst()
                .get()
                .getSpanId());
  }

  @Test
  void anUnsampledCallerGetsNoSpan() throws Exception {
    String unsampled = hex(16);
    String model = Api.uniqueName("unsampled");
    upload(model, traceparent(unsampled, hex(8), false)).statusCode(201);
    poll(0, "0s", traceparent(unsampled, hex(8), false));

    // a sampled request after them: once its spans are exported, theirs would have been too
    String sampled = hex(16);
    String callerSpan = hex(8);
    upload(model, traceparent(sampled, callerSpan, true)).statusCode(201);
    awaitTrace(sampled, callerSpan, RegistrySpans.UPLOAD_COMMIT);

    assertThat(spansOf(unsampled)).isEmpty();
  }
}

package dev.modelport.serving.tracing;

import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.serving.Fixtures.int64;
import static dev.modelport.testsupport.ExampleModels.csv;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.Fixtures;
import dev.modelport.serving.api.GrpcClient;
import dev.modelport.testsupport.CsvTable;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Traces of inference requests whose caller sends a W3C {@code traceparent}: the server follows a
 * sampled caller even at the 1 % ratio the tests run at, returns the trace context, and makes the
 * request, queue, batch (linked to the request), engine and encoding spans in the caller's trace;
 * an unsampled caller gets no span; a log line inside a traced request carries its trace id.
 */
@QuarkusTest
class TracingTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path JSON_LOG = Path.of("target/quarkus-test-log.json");
  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of(TraceParent.HEADER, Metadata.ASCII_STRING_MARSHALLER);

  @Inject InMemorySpanExporter exporter;
  @Inject Tracer tracer;

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1; // never all zero
    return HexFormat.of().formatHex(b);
  }

  private static List<Tensor> breastRow() {
    return List.of(fp32("input", Fixtures.row(csv("breast-cancer-mlp", "test.csv"), 0), 0, 30));
  }

  private List<SpanData> spansOf(String traceId) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .toList();
  }

  /** Waits for the trace's spans named {@code names}, then returns them all, by name. */
  private Map<String, SpanData> awaitSpans(String traceId, String... names) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(spansOf(traceId)).extracting(SpanData::getName).contains(names));
    return spansOf(traceId).stream()
        .collect(Collectors.toMap(SpanData::getName, s -> s, (a, b) -> a));
  }

  /** The server span: the one whose parent is the caller's span. */
  private static SpanData serverSpan(List<SpanData> spans, String callerSpanId) {
    return spans.stream()
        .filter(s -> s.getParentSpanId().equals(callerSpanId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span has the caller's span as parent: " + spans));
  }

  private void assertInferenceTrace(String traceId, String callerSpanId, String protocol) {
    Map<String, SpanData> spans =
        awaitSpans(
            traceId,
            ServingTracer.REQUEST,
            ServingTracer.QUEUE,
            ServingTracer.BATCH,
            ServingTracer.ENGINE,
            ServingTracer.ENCODE);
    SpanData server = serverSpan(spansOf(traceId), callerSpanId);
    assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
    SpanData request = spans.get(ServingTracer.REQUEST);
    assertThat(request.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(request.getAttributes().get(ServingTracer.MODEL)).isEqualTo("breast-cancer-mlp");
    assertThat(request.getAttributes().get(ServingTracer.VERSION)).isEqualTo("1");
    assertThat(request.getAttributes().get(ServingTracer.ROLE)).isEqualTo("primary");
    assertThat(request.getAttributes().get(ServingTracer.PROTOCOL)).isEqualTo(protocol);
    assertThat(request.getAttributes().get(ServingTracer.OUTCOME)).isEqualTo("success");
    assertThat(spans.get(ServingTracer.QUEUE).getParentSpanId()).isEqualTo(request.getSpanId());
    SpanData batch = spans.get(ServingTracer.BATCH);
    assertThat(batch.getLinks())
        .extracting(LinkData::getSpanContext)
        .anySatisfy(
            link -> {
              assertThat(link.getTraceId()).isEqualTo(traceId);
              assertThat(link.getSpanId()).isEqualTo(request.getSpanId());
            });
    assertThat(batch.getAttributes().get(ServingTracer.BATCH_ROWS)).isPositive();
    assertThat(spans.get(ServingTracer.ENGINE).getParentSpanId()).isEqualTo(batch.getSpanId());
    assertThat(spans.get(ServingTracer.ENCODE).getTraceId()).isEqualTo(traceId);
  }

  @Test
  void aRestInferenceFollowsTheCallersSampledTraceAndReturnsItsContext() {
    String traceId = hex(16);
    String callerSpan = hex(8);
    Response r =
        given()
            .contentType("application/json")
            .header(TraceParent.HEADER, "00-" + traceId + "-" + callerSpan + "-01")
            .body(InferenceJsonEncoder.encodeRequest(breastRow()).bytes())
            .post("/v2/models/breast-cancer-mlp/infer");
    r.then().statusCode(200);

    String returned = r.getHeader(TraceParent.HEADER);
    assertThat(returned).startsWith("00-" + traceId + "-").endsWith("-01");
    assertThat(returned).doesNotContain(callerSpan);
    assertInferenceTrace(traceId, callerSpan, "rest");
  }

  @Test
  void aGrpcInferenceFollowsTheCallersSampledTraceAndReturnsItsContext() {
    String traceId = hex(16);
    String callerSpan = hex(8);
    AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
    grpcInfer("00-" + traceId + "-" + callerSpan + "-01", responseHeaders);

    assertThat(responseHeaders.get().get(TRACEPARENT))
        .startsWith("00-" + traceId + "-")
        .endsWith("-01");
    assertInferenceTrace(traceId, callerSpan, "grpc");
    SpanData server = serverSpan(spansOf(traceId), callerSpan);
    assertThat(server.getName()).isEqualTo("inference.GRPCInferenceService/ModelInfer");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("rpc.system"))).isEqualTo("grpc");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("rpc.method")))
        .isEqualTo("ModelInfer");
    assertThat(server.getAttributes().get(AttributeKey.longKey("rpc.grpc.status_code")))
        .isEqualTo(0L);
    assertThat(responseHeaders.get().get(TRACEPARENT)).contains(server.getSpanId());
  }

  @Test
  void aFailedGrpcCallsServerSpanCarriesItsStatus() {
    String traceId = hex(16);
    String callerSpan = hex(8);
    ModelInferRequest unknown =
        GrpcTensorMapper.addInputs(
                ModelInferRequest.newBuilder().setModelName("no-such-model"), breastRow(), true)
            .build();
    Metadata headers = new Metadata();
    headers.put(TRACEPARENT, "00-" + traceId + "-" + callerSpan + "-01");
    assertThatThrownBy(
            () ->
                GrpcClient.stub()
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .modelInfer(unknown))
        .isInstanceOf(StatusRuntimeException.class);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              SpanData server = serverSpan(spansOf(traceId), callerSpan);
              assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
              assertThat(server.getAttributes().get(AttributeKey.longKey("rpc.grpc.status_code")))
                  .isEqualTo((long) Status.Code.NOT_FOUND.value());
            });
  }

  /** A gRPC inference of one breast-cancer row with {@code traceparent}; keeps its headers. */
  private static void grpcInfer(String traceparent, AtomicReference<Metadata> responseHeaders) {
    Metadata headers = new Metadata();
    headers.put(TRACEPARENT, traceparent);
    ModelInferRequest request =
        GrpcTensorMapper.addInputs(
                ModelInferRequest.newBuilder().setModelName("breast-cancer-mlp"), breastRow(), true)
            .build();
    GrpcClient.stub()
        .withInterceptors(
            MetadataUtils.newAttachHeadersInterceptor(headers),
            MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>()))
        .modelInfer(request);
  }

  @Test
  void theSdkSamplesWithServingsSamplerSoAMarkedRootIsKeptAtTheOnePercentRatio() {
    // with the configured parentbased_traceidratio alone, about 1 of these 50 would be sampled
    assertThat(
            IntStream.range(0, 50)
                .filter(
                    i ->
                        tracer
                            .spanBuilder("kept-root")
                            .setNoParent()
                            .setAttribute(ServingSampler.KEEP, true)
                            .startSpan()
                            .isRecording()))
        .hasSize(50);
  }

  @Test
  void theRequestDurationHistogramCarriesTheTracesIdAsAnExemplarAndNoOtherMeterDoes() {
    // a bucket keeps an exemplar for a while before a newer one replaces it (other tests' sampled
    // requests may hold them): each poll sends one more sampled request until one of ours shows
    List<String> sent = new CopyOnWriteArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              String traceId = hex(16);
              sent.add(traceId);
              given()
                  .contentType("application/json")
                  .header(TraceParent.HEADER, "00-" + traceId + "-" + hex(8) + "-01")
                  .body(InferenceJsonEncoder.encodeRequest(breastRow()).bytes())
                  .post("/v2/models/breast-cancer-mlp/infer")
                  .then()
                  .statusCode(200);
              String metrics =
                  given()
                      .accept("application/openmetrics-text; version=1.0.0; charset=utf-8")
                      .get("/q/metrics")
                      .then()
                      .statusCode(200)
                      .extract()
                      .asString();
              assertThat(metrics.lines())
                  .anyMatch(
                      l ->
                          l.startsWith("modelport_inference_request_duration_seconds_bucket{")
                              && l.contains("model=\"breast-cancer-mlp\"")
                              && sent.stream()
                                  .anyMatch(id -> l.contains("trace_id=\"" + id + "\"")));
              // exemplars on the latency histograms only: the counters of the same requests
              // carry none
              assertThat(
                      metrics
                          .lines()
                          .filter(l -> l.startsWith("modelport_inference_requests_total{")))
                  .isNotEmpty()
                  .noneMatch(l -> l.contains("trace_id="));
              // and no other meter either: the HTTP server's timer of the same requests, the
              // batcher's histograms and the rest of the registry carry none
              assertThat(metrics.lines().filter(l -> l.contains("trace_id=")))
                  .allMatch(l -> l.startsWith("modelport_inference_request_duration_seconds_"));
              assertThat(metrics.lines())
                  .anyMatch(l -> l.startsWith("http_server_requests_seconds_count{"));
            });
  }

  @Test
  void anUnsampledCallerGetsNoTraceContextBackAndNoSpanOverRestOrGrpc() {
    String unsampledRest = hex(16);
    Response r =
        given()
            .contentType("application/json")
            .header(TraceParent.HEADER, "00-" + unsampledRest + "-" + hex(8) + "-00")
            .body(InferenceJsonEncoder.encodeRequest(breastRow()).bytes())
            .post("/v2/models/breast-cancer-mlp/infer");
    r.then().statusCode(200);
    assertThat(r.getHeader(TraceParent.HEADER)).isNull();

    String unsampledGrpc = hex(16);
    AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
    grpcInfer("00-" + unsampledGrpc + "-" + hex(8) + "-00", responseHeaders);
    assertThat(responseHeaders.get().get(TRACEPARENT)).isNull();

    // a sampled request after them: once its spans are exported, theirs would have been
    String sampled = hex(16);
    grpcInfer("00-" + sampled + "-" + hex(8) + "-01", new AtomicReference<>());
    awaitSpans(sampled, ServingTracer.REQUEST, ServingTracer.ENCODE);
    assertThat(spansOf(unsampledRest)).isEmpty();
    assertThat(spansOf(unsampledGrpc)).isEmpty();
  }

  @Test
  void aFailedRequestsJsonLogLineCarriesItsTraceIdAndItsSpanIsFailed() {
    String traceId = hex(16);
    CsvTable one = Fixtures.row(csv("credit-risk-mixed", "test.csv"), 0);
    Tensor categorical = int64("categorical", one, 4, 6);
    ((long[]) categorical.values())[0] = 5; // the embedding has 4 rows: the engine refuses
    given()
        .contentType("application/json")
        .header(TraceParent.HEADER, "00-" + traceId + "-" + hex(8) + "-01")
        .body(
            InferenceJsonEncoder.encodeRequest(List.of(fp32("numeric", one, 0, 4), categorical))
                .bytes())
        .post("/v2/models/credit-risk-mixed/versions/1/infer")
        .then()
        .statusCode(400);

    Map<String, SpanData> spans = awaitSpans(traceId, ServingTracer.REQUEST);
    SpanData request = spans.get(ServingTracer.REQUEST);
    assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(request.getAttributes().get(ServingTracer.OUTCOME)).isNotEqualTo("success");
    // the line as Quarkus' JSON formatter wrote it (the file handler of the tests' configuration)
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(jsonLogLines())
                    .anySatisfy(
                        line -> {
                          assertThat(line.path("message").asText()).contains("engine call");
                          assertThat(line.path("mdc").path("traceId").asText()).isEqualTo(traceId);
                          assertThat(line.path("mdc").path("spanId").asText()).hasSize(16);
                        }));
  }

  /**
   * The JSON log lines written so far (see the tests' {@code quarkus.log.file.*} settings); a line
   * still being written does not parse and is left for the next poll.
   */
  private static List<JsonNode> jsonLogLines() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(JSON_LOG)) {
      try {
        lines.add(json.readTree(line));
      } catch (JsonProcessingException partial) {
        // not a whole line yet
      }
    }
    return lines;
  }
}

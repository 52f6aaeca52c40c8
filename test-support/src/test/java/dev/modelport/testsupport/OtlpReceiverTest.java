package dev.modelport.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpReceiverTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void aKeepingReceiverKeepsEverySpanWithItsService() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.keeping()) {
      assertThat(export(receiver, threeSpans().toByteArray())).isEqualTo(200);

      assertThat(receiver.received()).isEqualTo(3);
      assertThat(receiver.spans())
          .extracting(OtlpReceiver.Received::service, OtlpReceiver.Received::name)
          .containsExactly(tuple("serving", "a"), tuple("serving", "b"), tuple("drift", "c"));
      assertThat(receiver.trace(TRACE))
          .extracting(OtlpReceiver.Received::name)
          .containsExactly("a");
    }
  }

  @Test
  void aCountingReceiverCountsAndKeepsNothing() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.counting()) {
      export(receiver, threeSpans().toByteArray());
      export(receiver, threeSpans().toByteArray());

      assertThat(receiver.received()).isEqualTo(6);
      assertThat(receiver.spans()).isEmpty();
    }
  }

  @Test
  void aBodyThatIsNoExportIsRefusedAndCountsNothing() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.counting()) {
      assertThat(export(receiver, new byte[] {(byte) 0xff, 0x01, 0x02})).isEqualTo(400);
      assertThat(receiver.received()).isZero();
    }
  }

  private static ExportTraceServiceRequest threeSpans() {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            resource("serving", span("a", TRACE), span("b", "0af7651916cd43dd8448eb211c80319c")))
        .addResourceSpans(resource("drift", span("c", "00f067aa0ba902b700f067aa0ba902b7")))
        .build();
  }

  private static ResourceSpans resource(String service, Span... spans) {
    KeyValue name =
        KeyValue.newBuilder()
            .setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue(service))
            .build();
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span s : spans) {
      scope.addSpans(s);
    }
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(name))
        .addScopeSpans(scope)
        .build();
  }

  private static Span span(String name, String traceId) {
    return Span.newBuilder()
        .setName(name)
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00f067aa0ba902b7")))
        .build();
  }

  private static int export(OtlpReceiver receiver, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/traces"))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}

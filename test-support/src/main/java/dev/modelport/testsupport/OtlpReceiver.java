package dev.modelport.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver inside the test or benchmark, as a collector would be: the services
 * export to {@link #endpoint()} with {@code
 * quarkus.otel.exporter.otlp.traces.protocol=http/protobuf} and every export is answered as a
 * collector answers it. {@link #keeping()} keeps every span with the {@code service.name} of its
 * resource; {@link #counting()} only counts them (for a load that exports millions).
 */
public final class OtlpReceiver implements AutoCloseable {

  /** A received span, ids in lower-case hex as in {@code traceparent}. */
  public record Received(String service, Span span) {
    public String name() {
      return span.getName();
    }

    public String traceId() {
      return hex(span.getTraceId().toByteArray());
    }

    public String spanId() {
      return hex(span.getSpanId().toByteArray());
    }

    public String parentSpanId() {
      return hex(span.getParentSpanId().toByteArray());
    }

    public List<String> linkedTraceIds() {
      return span.getLinksList().stream().map(l -> hex(l.getTraceId().toByteArray())).toList();
    }
  }

  private final HttpServer server;
  private final boolean keep;
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final AtomicLong received = new AtomicLong();

  /** A started receiver on a free loopback port that keeps every span; close it. */
  public static OtlpReceiver keeping() throws IOException {
    return new OtlpReceiver(true);
  }

  /** A started receiver on a free loopback port that only counts the spans; close it. */
  public static OtlpReceiver counting() throws IOException {
    return new OtlpReceiver(false);
  }

  private OtlpReceiver(boolean keep) throws IOException {
    this.keep = keep;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream raw = exchange.getRequestBody()) {
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            InputStream in = "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(raw) : raw;
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in);
            for (ResourceSpans rs : request.getResourceSpansList()) {
              String service =
                  rs.getResource().getAttributesList().stream()
                      .filter(a -> a.getKey().equals("service.name"))
                      .map(KeyValue::getValue)
                      .map(v -> v.getStringValue())
                      .findFirst()
                      .orElse("");
              for (ScopeSpans ss : rs.getScopeSpansList()) {
                received.addAndGet(ss.getSpansCount());
                if (keep) {
                  for (Span s : ss.getSpansList()) {
                    spans.add(new Received(service, s));
                  }
                }
              }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
          }
        });
    server.start();
  }

  /** The base URL to export to. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many spans arrived so far, kept or not. */
  public long received() {
    return received.get();
  }

  /** The spans kept so far (none for a {@linkplain #counting() counting} receiver). */
  public List<Received> spans() {
    return List.copyOf(spans);
  }

  /** The kept spans of the trace {@code traceId} (lower-case hex). */
  public List<Received> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.modelport.serving.api.rest;

import dev.modelport.protocol.rest.EncodedBody;
import dev.modelport.protocol.rest.InferenceJsonDecoder;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.rest.InferenceResponse;
import dev.modelport.protocol.rest.RequestOutput;
import dev.modelport.protocol.rest.ResponseOutput;
import dev.modelport.serving.api.RequestedVersion;
import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.inference.CallerThreads;
import dev.modelport.serving.inference.InferCall;
import dev.modelport.serving.inference.InferResult;
import dev.modelport.serving.inference.InferenceService;
import dev.modelport.serving.inference.Offload;
import dev.modelport.serving.inference.Protocol;
import dev.modelport.serving.inference.RequestTimeouts;
import dev.modelport.serving.tracing.ServingTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * {@code POST /v2/models/{m}[/versions/{v}]/infer}: decodes the body (JSON, or a JSON header and
 * binary tensors with {@code Inference-Header-Content-Length}) straight into primitive arrays,
 * hands the request to the {@link InferenceService} and encodes the result, with the outputs the
 * client asked for in binary form. Small bodies are decoded on the event loop (no thread hop on the
 * latency path); bodies above {@value #INLINE_DECODE_LIMIT} bytes are decoded on the worker pool so
 * that a large JSON tensor never stalls the event loop. The batcher hands the result back to the
 * request's event loop, which encodes it when it is small (up to {@link
 * Offload#INLINE_ENCODE_ELEMENTS} elements) and passes larger ones to the worker pool. No thread
 * waits while the request is queued in the batcher.
 */
@Path("/v2/models/{model}")
public class InferenceResource {

  /** Bodies up to this size are decoded on the event loop (a few hundred microseconds at most). */
  static final int INLINE_DECODE_LIMIT = 64 * 1024;

  @Inject InferenceJsonDecoder decoder;
  @Inject InferenceService inference;
  @Inject ManagedExecutor workers;
  @Inject ServingConfig config;
  @Inject ServingTracer tracer;

  @POST
  @Path("/infer")
  @Consumes(MediaType.WILDCARD)
  public CompletionStage<Response> infer(
      @PathParam("model") String model,
      @HeaderParam(EncodedBody.HEADER_CONTENT_LENGTH) Integer headerLength,
      @HeaderParam(InferCall.ROUTE_KEY) String routeKey,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      byte[] body) {
    return run(model, null, headerLength, routeKey, contentEncoding, body);
  }

  @POST
  @Path("/versions/{version}/infer")
  @Consumes(MediaType.WILDCARD)
  public CompletionStage<Response> inferVersion(
      @PathParam("model") String model,
      @PathParam("version") String version,
      @HeaderParam(EncodedBody.HEADER_CONTENT_LENGTH) Integer headerLength,
      @HeaderParam(InferCall.ROUTE_KEY) String routeKey,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      byte[] body) {
    return run(model, version, headerLength, routeKey, contentEncoding, body);
  }

  /**
   * @param version the version path segment, null for the model's default version
   */
  private CompletionStage<Response> run(
      String model,
      String version,
      Integer headerLength,
      String routeKey,
      String contentEncoding,
      byte[] received) {
    Executor completer = CallerThreads.current(); // this request's event loop
    byte[] body;
    try {
      body =
          contentEncoding == null
              ? received // the common case: no config lookup on the per-request path
              : ContentEncodings.decode(
                  contentEncoding, received, config.limits().maxBodySize().asLongValue());
    } catch (RuntimeException e) {
      inference.refused(model, Protocol.REST, e, System.nanoTime());
      return CompletableFuture.completedFuture(RestErrors.response(e));
    }
    if (body.length <= INLINE_DECODE_LIMIT) {
      return infer(model, version, headerLength, routeKey, body, completer);
    }
    return CompletableFuture.supplyAsync(
            () -> infer(model, version, headerLength, routeKey, body, completer), workers)
        .thenCompose(r -> r);
  }

  private CompletionStage<Response> infer(
      String model,
      String version,
      Integer headerLength,
      String routeKey,
      byte[] body,
      Executor completer) {
    long start = System.nanoTime();
    InferenceRequest request;
    InferCall call;
    try {
      request = decoder.decodeRequest(body, headerLength);
      call =
          new InferCall(
              model,
              RequestedVersion.of(model, version),
              request.id(),
              request.inputTensors(),
              requestedOutputs(request),
              timeoutMicros(request.parameters()),
              Protocol.REST,
              routeKey);
    } catch (RuntimeException e) {
      inference.refused(model, Protocol.REST, e, start);
      return CompletableFuture.completedFuture(RestErrors.response(e));
    }
    Predicate<String> binary = InferenceJsonEncoder.binaryOutputsRequestedBy(request);
    Context sampled = tracer.sampledContext(); // the one trace lookup of this request
    return inference
        .infer(call, completer, sampled)
        .thenCompose(result -> encode(result, binary, sampled))
        .exceptionally(RestErrors::response);
  }

  /**
   * The response, encoded here (the event loop, as the result completes there) when the outputs are
   * small, else on the worker pool so that a large JSON tensor never stalls the event loop.
   */
  private CompletionStage<Response> encode(
      InferResult result, Predicate<String> binary, Context sampled) {
    if (!Offload.encodeOnWorker(result.outputs())) {
      return CompletableFuture.completedFuture(traced(result, binary, sampled));
    }
    return CompletableFuture.supplyAsync(() -> traced(result, binary, sampled), workers);
  }

  /** {@link #ok}, inside a {@link ServingTracer#ENCODE} span when the request is sampled. */
  private Response traced(InferResult result, Predicate<String> binary, Context sampled) {
    Span span = tracer.startEncode(sampled);
    try {
      Response response = ok(result, binary);
      ServingTracer.end(span, null);
      return response;
    } catch (RuntimeException e) {
      ServingTracer.end(span, e);
      throw e;
    }
  }

  private static Response ok(InferResult result, Predicate<String> binary) {
    InferenceResponse response =
        new InferenceResponse(
            result.model(),
            result.version().toString(),
            result.id(),
            null,
            result.outputs().stream().map(ResponseOutput::of).toList());
    EncodedBody body = InferenceJsonEncoder.encodeResponse(response, binary);
    if (!body.hasBinaryData()) {
      return Response.ok(body.bytes(), MediaType.APPLICATION_JSON_TYPE).build();
    }
    return Response.ok(body.bytes(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header(EncodedBody.HEADER_CONTENT_LENGTH, body.headerLength())
        .build();
  }

  private static Set<String> requestedOutputs(InferenceRequest request) {
    Set<String> names = new LinkedHashSet<>();
    if (request.outputs() != null) {
      for (RequestOutput out : request.outputs()) {
        names.add(out.name());
      }
    }
    return names;
  }

  /** The {@code timeout} request parameter, in microseconds as Triton defines it. */
  static Optional<Long> timeoutMicros(Map<String, Object> parameters) {
    return RequestTimeouts.micros(
        parameters == null ? null : parameters.get(RequestTimeouts.PARAMETER));
  }
}

package dev.modelport.benchmarks.serving;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.rest.EncodedBody;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.rest.RequestInput;
import dev.modelport.protocol.tensor.Tensor;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * V2 clients for the load generator. Request bodies and messages are encoded once, before the
 * run, so the measured cost is the server's (and the transport's), not the client's encoding.
 */
public final class V2Clients implements AutoCloseable {

  private final ManagedChannel channel;
  private final GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub grpc;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String restBase;

  public V2Clients(String host, int restPort, int grpcPort) {
    // A wide flow-control window, as tritonclient's large-message users configure it.
    this.channel = NettyChannelBuilder.forAddress(host, grpcPort).usePlaintext()
        .flowControlWindow(16 * 1024 * 1024)
        .maxInboundMessageSize(128 * 1024 * 1024).build();
    this.grpc = GRPCInferenceServiceGrpc.newFutureStub(channel);
    this.restBase = "http://" + host + ":" + restPort;
  }

  /** gRPC ModelInfer with raw input contents (tritonclient's form). */
  public Supplier<CompletableFuture<?>> grpcRaw(String model, List<Tensor> inputs) {
    ModelInferRequest request = GrpcTensorMapper.addInputs(ModelInferRequest.newBuilder().setModelName(model), inputs, true).build();
    return () -> {
      CompletableFuture<ModelInferResponse> f = new CompletableFuture<>();
      Futures.addCallback(grpc.modelInfer(request), new FutureCallback<>() {
        @Override
        public void onSuccess(ModelInferResponse r) {
          f.complete(r);
        }

        @Override
        public void onFailure(Throwable t) {
          f.completeExceptionally(t);
        }
      }, MoreExecutors.directExecutor());
      return f;
    };
  }

  /** REST infer with a JSON body. */
  public Supplier<CompletableFuture<?>> restJson(String model, List<Tensor> inputs) {
    return rest(model, InferenceJsonEncoder.encodeRequest(inputs));
  }

  /** REST infer with the binary tensor extension for inputs and outputs. */
  public Supplier<CompletableFuture<?>> restBinary(String model, List<Tensor> inputs) {
    InferenceRequest request = new InferenceRequest(null, Map.of("binary_data_output", true),
        inputs.stream().map(RequestInput::of).toList(), null);
    return rest(model, InferenceJsonEncoder.encodeRequest(request, name -> true));
  }

  private Supplier<CompletableFuture<?>> rest(String model, EncodedBody body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(restBase + "/v2/models/" + model + "/infer"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    if (body.hasBinaryData()) {
      b.header(EncodedBody.HEADER_CONTENT_LENGTH, Integer.toString(body.headerLength()))
          .header("Content-Type", "application/octet-stream");
    } else {
      b.header("Content-Type", "application/json");
    }
    HttpRequest request = b.build();
    return () -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body()));
      }
      return r;
    });
  }

  /**
   * The server's own mean request duration in microseconds ({@code modelport_inference_request_duration_seconds}
   * sum and count) for a model's version 1 and a protocol tag, as {sum seconds, count}.
   */
  public double[] requestDurationTotals(String model, String protocol) throws Exception {
    String text = http.send(HttpRequest.newBuilder(URI.create(restBase + "/q/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    double[] totals = new double[2];
    for (String line : text.split("\n")) {
      boolean sum = line.startsWith("modelport_inference_request_duration_seconds_sum{");
      boolean count = line.startsWith("modelport_inference_request_duration_seconds_count{");
      if ((sum || count) && line.contains("model=\"" + model + "\"") && line.contains("protocol=\"" + protocol + "\"")
          && line.contains("version=\"1\"")) {
        totals[sum ? 0 : 1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return totals;
  }

  /** True once {@code GET /v2/health/ready} answers 200. */
  public boolean ready() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(restBase + "/v2/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * V2 clients for the load generator. Request bodies and messages are encoded once, before the run,
 * so the measured cost is the server's (and the transport's), not the client's encoding.
 *
 * <p>gRPC requests go round-robin over several channels (HTTP/2 connections), as concurrent clients
 * with their own connections would send them: the server pins a connection to one event loop, so a
 * single channel would put the whole load on one server thread. Responses are handled on the
 * channel's network thread (no hand-off to an executor), as a C++ client would.
 */
public final class V2Clients implements AutoCloseable {

  /**
   * gRPC channels used when the caller does not choose; system property {@code
   * bench.grpc.channels}.
   */
  public static final int DEFAULT_CHANNELS = Integer.getInteger("bench.grpc.channels", 4);

  private final List<ManagedChannel> channels;
  private final List<GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub> stubs;
  private final AtomicInteger next = new AtomicInteger();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String restBase;

  public V2Clients(String host, int restPort, int grpcPort) {
    this(host, restPort, grpcPort, DEFAULT_CHANNELS);
  }

  /** Clients with {@code grpcChannels} gRPC connections. */
  public V2Clients(String host, int restPort, int grpcPort, int grpcChannels) {
    // A wide flow-control window, as tritonclient's large-message users configure it.
    this.channels =
        IntStream.range(0, grpcChannels)
            .mapToObj(
                i ->
                    (ManagedChannel)
                        NettyChannelBuilder.forAddress(host, grpcPort)
                            .usePlaintext()
                            .flowControlWindow(16 * 1024 * 1024)
                            .maxInboundMessageSize(128 * 1024 * 1024)
                            .directExecutor()
                            .build())
            .toList();
    this.stubs = channels.stream().map(GRPCInferenceServiceGrpc::newFutureStub).toList();
    this.restBase = "http://" + host + ":" + restPort;
  }

  /**
   * gRPC ModelInfer with raw input contents (tritonclient's form), to the model's default version.
   */
  public Supplier<CompletableFuture<?>> grpcRaw(String model, List<Tensor> inputs) {
    return grpcRaw(model, "", inputs);
  }

  /** gRPC ModelInfer with raw input contents to {@code version} ("" for the default version). */
  public Supplier<CompletableFuture<?>> grpcRaw(String model, String version, List<Tensor> inputs) {
    ModelInferRequest request =
        GrpcTensorMapper.addInputs(
                ModelInferRequest.newBuilder().setModelName(model).setModelVersion(version),
                inputs,
                true)
            .build();
    return () -> {
      CompletableFuture<ModelInferResponse> f = new CompletableFuture<>();
      GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub grpc =
          stubs.get(Math.floorMod(next.getAndIncrement(), stubs.size()));
      Futures.addCallback(
          grpc.modelInfer(request),
          new FutureCallback<>() {
            @Override
            public void onSuccess(ModelInferResponse r) {
              f.complete(r);
            }

            @Override
            public void onFailure(Throwable t) {
              f.completeExceptionally(t);
            }
          },
          MoreExecutors.directExecutor());
      return f;
    };
  }

  /** REST infer with a JSON body. */
  public Supplier<CompletableFuture<?>> restJson(String model, List<Tensor> inputs) {
    return rest(model, InferenceJsonEncoder.encodeRequest(inputs));
  }

  /** REST infer with the binary tensor extension for inputs and outputs. */
  public Supplier<CompletableFuture<?>> restBinary(String model, List<Tensor> inputs) {
    InferenceRequest request =
        new InferenceRequest(
            null,
            Map.of("binary_data_output", true),
            inputs.stream().map(RequestInput::of).toList(),
            null);
    return rest(model, InferenceJsonEncoder.encodeRequest(request, name -> true));
  }

  private Supplier<CompletableFuture<?>> rest(String model, EncodedBody body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(restBase + "/v2/models/" + model + "/infer"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    if (body.hasBinaryData()) {
      b.header(EncodedBody.HEADER_CONTENT_LENGTH, Integer.toString(body.headerLength()))
          .header("Content-Type", "application/octet-stream");
    } else {
      b.header("Content-Type", "application/json");
    }
    HttpRequest request = b.build();
    return () ->
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
            .thenApply(
                r -> {
                  if (r.statusCode() != 200) {
                    throw new IllegalStateException(
                        "HTTP " + r.statusCode() + ": " + new String(r.body()));
                  }
                  return r;
                });
  }

  /**
   * The sum of a metric's samples for a model's version 1 ({@code name} is the sample name, e.g.
   * {@code modelport_inference_compute_duration_seconds_sum}), over every protocol unless {@code
   * protocol} is given.
   */
  public double metricTotal(String name, String model, String protocol) throws Exception {
    String text =
        http.send(
                HttpRequest.newBuilder(URI.create(restBase + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{")
          && line.contains("model=\"" + model + "\"")
          && line.contains("version=\"1\"")
          && (protocol == null || line.contains("protocol=\"" + protocol + "\""))) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /**
   * The sum of a metric's samples ({@code name} is the sample name, e.g. {@code
   * modelport_events_published_total}) whose labels contain {@code labels} ("" for all).
   */
  public double metricSum(String name, String labels) throws Exception {
    String text =
        http.send(
                HttpRequest.newBuilder(URI.create(restBase + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double total = 0;
    for (String line : text.split("\n")) {
      if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(labels)) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /**
   * The repository extension: {@code POST /v2/repository/models/{model}/load} or {@code
   * .../unload}.
   *
   * @throws IllegalStateException unless the server answers 200
   */
  public void repository(String model, String action) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(restBase + "/v2/repository/models/" + model + "/" + action))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          action + " " + model + ": HTTP " + r.statusCode() + ": " + r.body());
    }
  }

  /** True once {@code GET /v2/health/ready} answers 200. */
  public boolean ready() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(restBase + "/v2/health/ready")).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
  }
}

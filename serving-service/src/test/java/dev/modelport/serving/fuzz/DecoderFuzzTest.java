package dev.modelport.serving.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.rest.EncodedBody;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.rest.RequestInput;
import dev.modelport.protocol.rest.RequestOutput;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.api.GrpcTestPort;
import dev.modelport.serving.api.V2Client;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of valid requests against the running service, for each of the three decoders:
 * V2 JSON, the Triton binary extension (JSON header plus binary tensors, the header length mutated
 * too) and gRPC protobuf (raw bytes, so the server's protobuf parsing is fuzzed as well). Never a
 * 5xx or an INTERNAL/UNKNOWN status, never a hang (every answer within 30 s), error bodies are V2
 * errors, and the service answers a valid request afterwards. The seed is printed; rerun one with
 * {@code -Dfuzz.seed=<seed>}; {@code -Dfuzz.mutations=<n>} sets the count per decoder (default
 * 100,000).
 */
@QuarkusTest
class DecoderFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final int MUTATIONS = Integer.getInteger("fuzz.mutations", 100_000);
  private static final int IN_FLIGHT = 32;
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

  /** gRPC codes a client mistake may get; anything else (INTERNAL, UNKNOWN, ...) is a defect. */
  private static final Set<Status.Code> CLIENT_CODES =
      Set.of(
          Status.Code.OK,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.NOT_FOUND,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.OUT_OF_RANGE,
          Status.Code.FAILED_PRECONDITION);

  private static final MethodDescriptor<byte[], byte[]> RAW_MODEL_INFER =
      GRPCInferenceServiceGrpc.getModelInferMethod().toBuilder(
              new BytesMarshaller(), new BytesMarshaller())
          .build();

  private static HttpClient http;
  private static ManagedChannel channel;

  @BeforeAll
  static void clients() {
    System.out.println("DecoderFuzzTest seed: " + SEED + " (rerun with -Dfuzz.seed=" + SEED + ")");
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    channel =
        ManagedChannelBuilder.forAddress(
                "127.0.0.1", ConfigProvider.getConfig().getValue(GrpcTestPort.PORT, Integer.class))
            .usePlaintext()
            .build();
  }

  @AfterAll
  static void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static Tensor breastCancerRow() {
    float[] x = new float[30];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.5f + i;
    }
    return new Tensor("input", DataType.FP32, new long[] {1, 30}, x);
  }

  private static List<Tensor> creditRiskRows() {
    return List.of(
        new Tensor(
            "numeric",
            DataType.FP32,
            new long[] {2, 4},
            new float[] {53522.65f, 55, 0.15f, 0.67f, 26851.3f, 61, 0.35f, 0.36f}),
        new Tensor("categorical", DataType.INT64, new long[] {2, 2}, new long[] {1, 1, 4, 0}));
  }

  /** A valid request body and where it goes. */
  private record Seed(String model, byte[] body, Integer headerLength) {}

  private static List<Seed> jsonSeeds() {
    InferenceRequest withOutputs =
        new InferenceRequest(
            "id-1",
            Map.of("binary_data_output", false),
            List.of(RequestInput.of(breastCancerRow())),
            List.of(new RequestOutput("probabilities", null)));
    return List.of(
        new Seed(
            "breast-cancer-mlp",
            InferenceJsonEncoder.encodeRequest(List.of(breastCancerRow())).bytes(),
            null),
        new Seed(
            "breast-cancer-mlp",
            InferenceJsonEncoder.encodeRequest(withOutputs, n -> false).bytes(),
            null),
        new Seed(
            "credit-risk-mixed",
            InferenceJsonEncoder.encodeRequest(creditRiskRows()).bytes(),
            null));
  }

  private static List<Seed> binarySeeds() {
    List<Seed> seeds = new ArrayList<>();
    for (var entry :
        Map.of(
                "breast-cancer-mlp",
                List.of(breastCancerRow()),
                "credit-risk-mixed",
                creditRiskRows())
            .entrySet()) {
      InferenceRequest request =
          new InferenceRequest(
              null,
              Map.of("binary_data_output", true),
              entry.getValue().stream().map(RequestInput::of).toList(),
              null);
      EncodedBody body = InferenceJsonEncoder.encodeRequest(request, name -> true);
      seeds.add(new Seed(entry.getKey(), body.bytes(), body.headerLength()));
    }
    return seeds;
  }

  private static List<byte[]> grpcSeeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (boolean raw : new boolean[] {true, false}) {
      seeds.add(
          GrpcTensorMapper.addInputs(
                  ModelInferRequest.newBuilder().setModelName("breast-cancer-mlp").setId("f"),
                  List.of(breastCancerRow()),
                  raw)
              .build()
              .toByteArray());
      seeds.add(
          GrpcTensorMapper.addInputs(
                  ModelInferRequest.newBuilder().setModelName("credit-risk-mixed"),
                  creditRiskRows(),
                  raw)
              .build()
              .toByteArray());
    }
    return seeds;
  }

  @Test
  void mutatedJsonRequestsNeverGetA5xx() throws Exception {
    List<Seed> seeds = jsonSeeds();
    fuzzRest("json", seeds, false);
  }

  @Test
  void mutatedBinaryExtensionRequestsNeverGetA5xx() throws Exception {
    fuzzRest("binary", binarySeeds(), true);
  }

  private void fuzzRest(String decoder, List<Seed> seeds, boolean binary) throws Exception {
    SplittableRandom random = new SplittableRandom(SEED ^ decoder.hashCode());
    Semaphore slots = new Semaphore(IN_FLIGHT);
    ConcurrentLinkedQueue<String> defects = new ConcurrentLinkedQueue<>();
    AtomicLong answered = new AtomicLong();
    for (int i = 0; i < MUTATIONS && defects.size() < 10; i++) {
      Seed seed = seeds.get(random.nextInt(seeds.size()));
      byte[] body = Mutator.mutate(seed.body(), random, true);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:" + RestAssured.port + V2Client.path(seed.model(), null)))
              .timeout(ANSWER_WITHIN)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      String header = "";
      if (binary) {
        int length =
            random.nextInt(4) == 0
                ? random.nextInt(-8, body.length + 8)
                : Math.min(seed.headerLength(), body.length);
        header = Integer.toString(length);
        request
            .header("Content-Type", "application/octet-stream")
            .header(EncodedBody.HEADER_CONTENT_LENGTH, header);
      } else {
        request.header("Content-Type", "application/json");
      }
      String replay = "header=" + header + " body=" + Base64.getEncoder().encodeToString(body);
      slots.acquire();
      http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (response, failure) -> {
                answered.incrementAndGet();
                slots.release();
                if (failure != null) {
                  defects.add("no answer (" + failure + "): " + replay);
                } else if (response.statusCode() >= 500) {
                  defects.add(response.statusCode() + " " + response.body() + ": " + replay);
                } else if (response.statusCode() != 200
                    && !response.body().startsWith("{\"error\":")) {
                  defects.add(
                      response.statusCode() + " without a V2 error body: " + response.body());
                }
              });
    }
    slots.acquire(IN_FLIGHT);
    slots.release(IN_FLIGHT);
    assertThat(defects).as("%s decoder, seed %d", decoder, SEED).isEmpty();
    assertThat(answered.get()).isEqualTo(MUTATIONS);
    assertValidRequestAnswered();
  }

  @Test
  void mutatedGrpcRequestsNeverGetAnInternalError() throws Exception {
    List<byte[]> seeds = grpcSeeds();
    SplittableRandom random = new SplittableRandom(SEED ^ "grpc".hashCode());
    Semaphore slots = new Semaphore(IN_FLIGHT);
    ConcurrentLinkedQueue<String> defects = new ConcurrentLinkedQueue<>();
    AtomicLong answered = new AtomicLong();
    for (int i = 0; i < MUTATIONS && defects.size() < 10; i++) {
      byte[] body = Mutator.mutate(seeds.get(random.nextInt(seeds.size())), random, false);
      String replay = Base64.getEncoder().encodeToString(body);
      slots.acquire();
      CompletableFuture<byte[]> answer = new CompletableFuture<>();
      com.google.common.util.concurrent.ListenableFuture<byte[]> call =
          ClientCalls.futureUnaryCall(
              channel.newCall(
                  RAW_MODEL_INFER,
                  CallOptions.DEFAULT.withDeadlineAfter(
                      ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS)),
              body);
      call.addListener(
          () -> {
            answered.incrementAndGet();
            slots.release();
            try {
              call.get();
            } catch (java.util.concurrent.ExecutionException e) {
              Status status = Status.fromThrowable(e.getCause());
              if (!CLIENT_CODES.contains(status.getCode())) {
                defects.add(status + ": " + replay);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          },
          Runnable::run);
    }
    slots.acquire(IN_FLIGHT);
    slots.release(IN_FLIGHT);
    assertThat(defects).as("gRPC decoder, seed %d", SEED).isEmpty();
    assertThat(answered.get()).isEqualTo(MUTATIONS);
    ModelInferRequest valid = ModelInferRequest.parseFrom(seeds.get(0));
    assertThat(
            GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .modelInfer(valid)
                .getRawOutputContentsCount())
        .isEqualTo(1);
  }

  private static void assertValidRequestAnswered() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + RestAssured.port
                            + V2Client.path("breast-cancer-mlp", null)))
                .header("Content-Type", "application/json")
                .timeout(ANSWER_WITHIN)
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        InferenceJsonEncoder.encodeRequest(List.of(breastCancerRow())).bytes()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"probabilities\"");
  }

  /** Passes bytes through as they are, so that the server parses the mutated protobuf. */
  private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

package dev.modelport.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.google.common.util.concurrent.ListenableFuture;
import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.InferParameter;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.rest.RequestInput;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.GatedEngines;
import dev.modelport.serving.lifecycle.ModelManager;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queue limits and timeouts on the gated test model (queue of 2, one executor held at a gate). */
@QuarkusTest
class BackpressureTest {

  private static final String MODEL = "gated-diabetes";

  @Inject ModelManager models;

  @AfterEach
  void openGate() {
    GatedEngines.open();
  }

  /** One row whose first feature marks the request, so the engine's inputs show who reached it. */
  private static List<Tensor> marked(float marker) {
    float[] row = new float[10];
    row[0] = marker;
    return List.of(new Tensor("input", DataType.FP32, new long[] {1, 10}, row));
  }

  private static boolean engineSaw(float marker) {
    return GatedEngines.SEEN.stream()
        .anyMatch(
            inputs -> {
              float[] data = (float[]) inputs.get(0).values();
              for (int i = 0; i < data.length; i += 10) {
                if (data[i] == marker) {
                  return true;
                }
              }
              return false;
            });
  }

  private static CompletableFuture<Response> restAsync(float marker) {
    return CompletableFuture.supplyAsync(() -> V2Client.infer(MODEL, null, marked(marker)));
  }

  private void awaitQueueDepth(int depth) {
    await("queue depth " + depth)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> models.resolve(MODEL, Optional.empty()).readyRuntime().batcher().queueDepth(),
            d -> d >= depth);
  }

  /** Holds the executor with one request, then fills the queue with two more. */
  private List<CompletableFuture<Response>> fillQueue(float base) throws InterruptedException {
    GatedEngines.close();
    List<CompletableFuture<Response>> held = new ArrayList<>();
    held.add(restAsync(base));
    GatedEngines.awaitEntered();
    held.add(restAsync(base + 1));
    held.add(restAsync(base + 2));
    awaitQueueDepth(2);
    return held;
  }

  @Test
  void aFullQueueAnswers429OverRestAndResourceExhaustedOverGrpc() throws Exception {
    List<CompletableFuture<Response>> held = fillQueue(100);

    V2Client.infer(MODEL, null, marked(110))
        .then()
        .statusCode(429)
        .body("error", containsString("queue is full"));
    assertThatThrownBy(
            () ->
                GrpcClient.stub()
                    .modelInfer(
                        GrpcTensorMapper.addInputs(
                                ModelInferRequest.newBuilder().setModelName(MODEL),
                                marked(111),
                                true)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));

    GatedEngines.open();
    for (CompletableFuture<Response> r : held) {
      assertThat(r.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(engineSaw(110)).isFalse();
    assertThat(engineSaw(111)).isFalse();
  }

  @Test
  void anExpiredRestRequestAnswers504AndNeverReachesTheEngine() throws Exception {
    GatedEngines.close();
    CompletableFuture<Response> held = restAsync(200);
    GatedEngines.awaitEntered();

    InferenceRequest request =
        new InferenceRequest(
            null,
            Map.of("timeout", 100_000),
            marked(201).stream().map(RequestInput::of).toList(),
            null);
    long start = System.nanoTime();
    V2Client.post(
            V2Client.path(MODEL, null),
            InferenceJsonEncoder.encodeRequest(request, n -> false).bytes())
        .then()
        .statusCode(504)
        .body("error", containsString("timed out"));
    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));

    GatedEngines.open();
    assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    V2Client.infer(MODEL, null, marked(202)).then().statusCode(200); // the queue has moved past 201
    assertThat(engineSaw(202)).isTrue();
    assertThat(engineSaw(201)).isFalse();
  }

  @Test
  void anExpiredGrpcRequestIsDeadlineExceededAndNeverReachesTheEngine() throws Exception {
    GatedEngines.close();
    CompletableFuture<Response> held = restAsync(300);
    GatedEngines.awaitEntered();

    ModelInferRequest request =
        GrpcTensorMapper.addInputs(
                ModelInferRequest.newBuilder()
                    .setModelName(MODEL)
                    .putParameters(
                        "timeout", InferParameter.newBuilder().setInt64Param(100_000).build()),
                marked(301),
                false)
            .build();
    ListenableFuture<ModelInferResponse> viaDeadline =
        GrpcClient.futureStub()
            .withDeadlineAfter(150, TimeUnit.MILLISECONDS)
            .modelInfer(
                GrpcTensorMapper.addInputs(
                        ModelInferRequest.newBuilder().setModelName(MODEL), marked(302), true)
                    .build());
    assertThatThrownBy(() -> GrpcClient.stub().modelInfer(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    assertThatThrownBy(() -> viaDeadline.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StatusRuntimeException.class)
        .satisfies(
            e ->
                assertThat(Status.fromThrowable(e).getCode())
                    .isEqualTo(Status.Code.DEADLINE_EXCEEDED));

    GatedEngines.open();
    assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    V2Client.infer(MODEL, null, marked(303)).then().statusCode(200);
    assertThat(engineSaw(303)).isTrue();
    assertThat(engineSaw(301)).isFalse();
    assertThat(engineSaw(302)).isFalse();
  }

  @Test
  void theWarmUpSampleRequestReachedTheEngineBeforeTheModelTurnedReady() {
    assertThat(engineSaw(0.5f)).isTrue();
  }
}

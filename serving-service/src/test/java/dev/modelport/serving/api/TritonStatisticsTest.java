package dev.modelport.serving.api;

import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.serving.Fixtures.int64;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;

import dev.modelport.protocol.grpc.ModelStatistics;
import dev.modelport.protocol.grpc.ModelStatisticsRequest;
import dev.modelport.protocol.grpc.ServerMetadataRequest;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.Fixtures;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Triton's statistics extension over REST (Triton's JSON shape) and gRPC ({@code ModelStatistics}
 * with Triton's field numbers), collected in the core.
 */
@QuarkusTest
class TritonStatisticsTest {

  private static final String MIXED = "credit-risk-mixed";

  private static List<Tensor> mixedRow(long region) {
    CsvTable one = Fixtures.row(ExampleModels.csv(MIXED, "test.csv"), 0);
    Tensor categorical = int64("categorical", one, 4, 6);
    ((long[]) categorical.values())[0] = region;
    return List.of(fp32("numeric", one, 0, 4), categorical);
  }

  private static JsonPath restStats(String model, String version) {
    return given()
        .get("/v2/models/" + model + "/versions/" + version + "/stats")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void successfulRequestsAreCountedWithTheirQueueComputeAndBatchTimes() {
    JsonPath before = restStats(MIXED, "1");
    for (int i = 0; i < 3; i++) {
      V2Client.infer(MIXED, "1", mixedRow(1)).then().statusCode(200);
    }
    JsonPath after = restStats(MIXED, "1");
    assertThat(after.getString("model_stats[0].name")).isEqualTo(MIXED);
    assertThat(after.getString("model_stats[0].version")).isEqualTo("1");
    assertThat(delta(before, after, "inference_stats.success.count")).isEqualTo(3);
    assertThat(delta(before, after, "inference_stats.success.ns")).isPositive();
    assertThat(delta(before, after, "inference_stats.queue.count")).isEqualTo(3);
    assertThat(delta(before, after, "inference_stats.compute_infer.count")).isEqualTo(3);
    assertThat(delta(before, after, "inference_stats.compute_infer.ns")).isPositive();
    assertThat(delta(before, after, "inference_stats.compute_input.count")).isEqualTo(3);
    assertThat(delta(before, after, "inference_count")).isEqualTo(3);
    assertThat(delta(before, after, "execution_count")).isEqualTo(3);
    assertThat(after.getLong("model_stats[0].last_inference")).isPositive();
    // one request at a time: batches of one row
    List<Map<String, Object>> batches = after.getList("model_stats[0].batch_stats");
    assertThat(batches)
        .anySatisfy(b -> assertThat(((Number) b.get("batch_size")).intValue()).isEqualTo(1));
  }

  @Test
  void aRequestTheEngineRefusesIsCountedAsAFailure() {
    JsonPath before = restStats(MIXED, "1");
    V2Client.infer(MIXED, "1", mixedRow(5)).then().statusCode(400);
    JsonPath after = restStats(MIXED, "1");
    assertThat(delta(before, after, "inference_stats.fail.count")).isEqualTo(1);
    assertThat(delta(before, after, "inference_stats.success.count")).isZero();
  }

  @Test
  void grpcModelStatisticsAgreeWithRestAndCoverEveryLoadedVersion() {
    V2Client.infer(MIXED, "2", mixedRow(1)).then().statusCode(200);
    ModelStatistics grpc =
        GrpcClient.stub()
            .modelStatistics(
                ModelStatisticsRequest.newBuilder().setName(MIXED).setVersion("2").build())
            .getModelStats(0);
    JsonPath rest = restStats(MIXED, "2");
    assertThat(grpc.getName()).isEqualTo(MIXED);
    assertThat(grpc.getVersion()).isEqualTo("2");
    assertThat(grpc.getInferenceStats().getSuccess().getCount())
        .isEqualTo(rest.getLong("model_stats[0].inference_stats.success.count"))
        .isPositive();
    assertThat(grpc.getExecutionCount()).isPositive();
    assertThat(grpc.getBatchStatsList()).isNotEmpty();

    List<ModelStatistics> all =
        GrpcClient.stub()
            .modelStatistics(ModelStatisticsRequest.getDefaultInstance())
            .getModelStatsList();
    assertThat(all)
        .filteredOn(s -> s.getName().equals(MIXED))
        .extracting(ModelStatistics::getVersion)
        .contains("1", "2");
    given().get("/v2/models/stats").then().statusCode(200).body("model_stats.name", hasItem(MIXED));
    given()
        .get("/v2/models/" + MIXED + "/stats")
        .then()
        .statusCode(200)
        .body("model_stats.version", hasItem("1"))
        .body("model_stats.version", hasItem("2"));
  }

  @Test
  void statisticsOfAnUnknownModelAreNotFound() {
    given().get("/v2/models/no-such-model/stats").then().statusCode(404);
    given().get("/v2/models/" + MIXED + "/versions/99/stats").then().statusCode(404);
    assertThatThrownBy(
            () ->
                GrpcClient.stub()
                    .modelStatistics(
                        ModelStatisticsRequest.newBuilder().setName("no-such-model").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void bothEdgesListTheStatisticsExtension() {
    assertThat(
            GrpcClient.stub()
                .serverMetadata(ServerMetadataRequest.getDefaultInstance())
                .getExtensionsList())
        .contains("statistics");
    given().get("/v2").then().body("extensions", hasItem("statistics"));
  }

  private static long delta(JsonPath before, JsonPath after, String field) {
    return after.getLong("model_stats[0]." + field) - before.getLong("model_stats[0]." + field);
  }
}

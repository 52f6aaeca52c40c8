package dev.modelport.registry.baseline;

import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.READER;
import static dev.modelport.registry.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.ProfileJson;
import dev.modelport.registry.Api;
import dev.modelport.testsupport.ExampleModels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines built from the credit-risk example's training data (test-support's ExampleModels). */
@QuarkusTest
public class BaselineApiTest {
  static final Path MODEL_DIR = ExampleModels.dir(ExampleModels.CREDIT_RISK);
  static final String METADATA =
      """
      {"format": "onnx",
       "signature": {
         "inputs": [
           {"name": "numeric", "datatype": "FP32", "shape": [-1, 4], "features": [
             {"name": "income", "type": "numeric"}, {"name": "age", "type": "numeric"},
             {"name": "debt_ratio", "type": "numeric"}, {"name": "utilization", "type": "numeric"}]},
           {"name": "categorical", "datatype": "INT64", "shape": [-1, 2], "features": [
             {"name": "region", "type": "categorical"}, {"name": "employment", "type": "categorical"}]}],
         "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]}]}}
      """;

  private static ValidatableResponse upload(String model, String metadata, String part, Path file)
      throws Exception {
    return as(PUBLISHER)
        .multiPart("metadata", metadata, "application/json")
        .multiPart(
            "artifact",
            "model.onnx",
            Files.readAllBytes(MODEL_DIR.resolve("model.onnx")),
            "application/octet-stream")
        .multiPart(part, file.getFileName().toString(), Files.readAllBytes(file), "text/csv")
        .post("/api/v1/models/{m}/versions", model)
        .then();
  }

  @Test
  void trainingDataBecomesTheVersionsBaselineProfile() throws Exception {
    String model = Api.createModel("credit");
    upload(model, METADATA, "training-data", MODEL_DIR.resolve("train.csv"))
        .statusCode(201)
        .body("hasBaseline", equalTo(true));

    String json =
        as(READER)
            .get("/api/v1/models/{m}/versions/1/baseline", model)
            .then()
            .statusCode(200)
            .contentType(containsString("application/json"))
            .extract()
            .asString();
    DatasetProfile profile = ProfileJson.fromJson(json);

    long rows =
        Files.readAllLines(MODEL_DIR.resolve("train.csv"), StandardCharsets.UTF_8).stream()
            .skip(1)
            .filter(l -> !l.isBlank())
            .count();
    assertThat(profile.schema().features())
        .extracting("name")
        .containsExactly("income", "age", "debt_ratio", "utilization", "region", "employment");
    assertThat(profile.feature("income").count()).isEqualTo(rows);
    assertThat(profile.categorical("region").frequencies()).containsKeys("0", "1", "2", "3", "4");
  }

  @Test
  void outputColumnsInTheTrainingDataFollowTheFeaturesInTheBaseline(@TempDir Path dir)
      throws Exception {
    List<String> lines = Files.readAllLines(MODEL_DIR.resolve("train.csv"), StandardCharsets.UTF_8);
    List<String> withOutputs = new ArrayList<>();
    List<String> withHalf = new ArrayList<>();
    withOutputs.add(lines.get(0) + ",probabilities_0,probabilities_1");
    withHalf.add(lines.get(0) + ",probabilities_1");
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      double p = (i % 10) / 10.0;
      withOutputs.add(lines.get(i) + "," + (1 - p) + "," + p);
      withHalf.add(lines.get(i) + "," + p);
    }
    Path full = Files.write(dir.resolve("train-with-outputs.csv"), withOutputs);
    Path half = Files.write(dir.resolve("train-with-half.csv"), withHalf);

    String model = Api.createModel("credit-outputs");
    upload(model, METADATA, "training-data", full).statusCode(201);
    upload(model, METADATA, "training-data", half).statusCode(201);

    DatasetProfile both = ProfileJson.fromJson(baseline(model, 1));
    assertThat(both.schema().features())
        .extracting("name")
        .containsExactly(
            "income",
            "age",
            "debt_ratio",
            "utilization",
            "region",
            "employment",
            "probabilities_0",
            "probabilities_1");
    assertThat(both.feature("probabilities_1").count()).isEqualTo(withOutputs.size() - 1);
    // an output is profiled only with all of its columns
    DatasetProfile partial = ProfileJson.fromJson(baseline(model, 2));
    assertThat(partial.schema().features()).extracting("name").doesNotContain("probabilities_1");
  }

  private static String baseline(String model, int version) {
    return as(READER)
        .get("/api/v1/models/{m}/versions/{v}/baseline", model, version)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  @Test
  void headerWithoutTheSignaturesFeaturesIsA400NamingThem() throws Exception {
    String model = Api.createModel("credit-bad");
    String renamed = METADATA.replace("\"income\"", "\"salary\"");
    upload(model, renamed, "training-data", MODEL_DIR.resolve("train.csv"))
        .statusCode(400)
        .body("error", containsString("training-data"))
        .body("error", containsString("salary"));
    as(READER).get("/api/v1/models/{m}/versions", model).then().body("total", equalTo(0));
  }

  @Test
  void precomputedProfileIsAcceptedWhenItMatchesTheSignature(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String model = Api.createModel("credit-pre");
    upload(model, METADATA, "training-data", MODEL_DIR.resolve("train.csv")).statusCode(201);
    String json =
        as(READER).get("/api/v1/models/{m}/versions/1/baseline", model).then().extract().asString();
    Path profile = Files.writeString(dir.resolve("profile.json"), json);

    upload(model, METADATA, "profile", profile)
        .statusCode(201)
        .body("version", equalTo(2))
        .body("hasBaseline", equalTo(true));
    String stored =
        as(READER)
            .get("/api/v1/models/{m}/versions/2/baseline", model)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(ProfileJson.fromJson(stored).feature("age").count())
        .isEqualTo(ProfileJson.fromJson(json).feature("age").count());

    upload(
            model,
            METADATA.replace(
                "\"region\", \"type\": \"categorical\"", "\"region\", \"type\": \"numeric\""),
            "profile",
            profile)
        .statusCode(400)
        .body("error", containsString("profile"));
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"formatVersion\": 99}");
    upload(model, METADATA, "profile", garbage)
        .statusCode(400)
        .body("error", containsString("formatVersion"));
  }

  @Test
  void versionWithoutBaselineAnswers404() {
    String model = Api.createModel("nobase");
    Api.uploadVersion(model, Api.onnx(10, 1));
    as(READER)
        .get("/api/v1/models/{m}/versions/1/baseline", model)
        .then()
        .statusCode(404)
        .body("error", containsString("no baseline"));
  }
}

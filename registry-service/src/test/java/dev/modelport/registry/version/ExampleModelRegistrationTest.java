package dev.modelport.registry.version;

import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.READER;
import static dev.modelport.registry.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureSpec;
import dev.modelport.featurestats.profile.FeatureType;
import dev.modelport.featurestats.profile.ProfileJson;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.registry.Api;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryJson;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.testsupport.ExampleModels;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model folder of {@code examples/models} registers as it is: {@code model.onnx}, its {@code
 * model.yaml} as the signature and {@code train.csv} as training data, through registry-client.
 */
@QuarkusTest
class ExampleModelRegistrationTest {
  private static final VersionMetadata ONNX_ONLY =
      new VersionMetadata(
          ArtifactFormat.ONNX, null, null, null, null, null, null, null, "from examples/models");

  private RegistryClient client;

  @BeforeEach
  void client() {
    client =
        RegistryClient.builder(Api.baseUri())
            .apiKey(PUBLISHER)
            .requestTimeout(Duration.ofSeconds(120))
            .build();
  }

  @Test
  void everyExampleModelRegistersFromItsFolderWithItsModelYamlSignature() throws Exception {
    List<String> names = ExampleModels.names();
    assertThat(names).contains(ExampleModels.BREAST_CANCER, ExampleModels.CREDIT_RISK);
    Map<String, ModelVersion> registered = new HashMap<>();
    for (String example : names) {
      String model = Api.uniqueName(example);
      client.createModel(new NewModel(model, null, null));
      Path train = ExampleModels.dir(example).resolve("train.csv");
      VersionUpload upload =
          VersionUpload.of(ExampleModels.onnx(example), ONNX_ONLY)
              .withModelYaml(ExampleModels.file(example, "model.yaml"));
      if (Files.isRegularFile(train)) {
        upload.withTrainingData(train);
      }
      ModelVersion created = client.uploadVersion(model, upload);
      ModelSignature expected = ExampleModels.signature(example);

      assertThat(created.signature()).as(example).isEqualTo(expected);
      assertThat(client.getVersion(model, created.version()).signature())
          .as(example + " as stored")
          .isEqualTo(expected);
      assertThat(created.hasBaseline())
          .as(example + " baseline")
          .isEqualTo(Files.isRegularFile(train));
      assertThat(created.artifact().size()).isEqualTo(Files.size(ExampleModels.onnx(example)));
      registered.put(example, created);
    }

    Map<String, FeatureType> breast = featureTypes(registered.get(ExampleModels.BREAST_CANCER));
    assertThat(breast).hasSize(30).containsEntry("mean_radius", FeatureType.NUMERIC);
    assertThat(breast.values()).containsOnly(FeatureType.NUMERIC);
    Map<String, FeatureType> credit = featureTypes(registered.get(ExampleModels.CREDIT_RISK));
    assertThat(credit)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "income", FeatureType.NUMERIC,
                "age", FeatureType.NUMERIC,
                "debt_ratio", FeatureType.NUMERIC,
                "utilization", FeatureType.NUMERIC,
                "region", FeatureType.CATEGORICAL,
                "employment", FeatureType.CATEGORICAL));
  }

  @Test
  void aModelYamlStyleSignatureInsideTheMetadataJsonIsAccepted() throws Exception {
    String model = Api.createModel("yaml-json");
    String metadata =
        """
        {"format": "onnx",
         "signature": {
           "inputs": [
             {"name": "numeric", "datatype": "FP32", "shape": [-1, 4],
              "features": ["income", "age", "debt_ratio", "utilization"]},
             {"name": "categorical", "datatype": "INT64", "shape": [-1, 2],
              "features": ["region", "employment"], "categorical": true}],
           "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]}]}}
        """;
    String stored =
        Api.upload(
                PUBLISHER,
                model,
                Files.readAllBytes(ExampleModels.onnx(ExampleModels.CREDIT_RISK)),
                metadata)
            .statusCode(201)
            .extract()
            .asString();
    String read =
        as(READER).get("/api/v1/models/{m}/versions/1", model).then().extract().asString();

    for (String json : List.of(stored, read)) {
      ModelVersion version = RegistryJson.newMapper().readValue(json, ModelVersion.class);
      assertThat(version.signature()).isEqualTo(ExampleModels.signature(ExampleModels.CREDIT_RISK));
    }
  }

  private Map<String, FeatureType> featureTypes(ModelVersion version) throws Exception {
    String json =
        client
            .baselineJson(version.model(), version.version())
            .orElseThrow(() -> new AssertionError("no baseline for " + version.model()));
    DatasetProfile profile = ProfileJson.fromJson(json);
    return profile.schema().features().stream()
        .collect(Collectors.toMap(FeatureSpec::name, FeatureSpec::type));
  }
}

package dev.modelport.serving.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.model.Feature;
import dev.modelport.protocol.model.FeatureType;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.model.ModelConfigException;
import dev.modelport.serving.model.ModelDefinition;
import dev.modelport.serving.model.ModelFormat;
import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelRepositoryTest {

  private static final Path EXAMPLES = ExampleModels.root();
  private static final VersionNumber V1 = VersionNumber.of(1);
  private static final VersionNumber V2 = VersionNumber.of(2);
  private static final VersionNumber V3 = VersionNumber.of(3);

  @Test
  void everyExampleModelIsListedAndServesItsOnnxFileAsVersionOneAndTorchScriptAsVersionTwo() {
    LocalModelRepository repository = new LocalModelRepository(List.of(EXAMPLES));

    assertThat(repository.modelNames())
        .containsExactlyElementsOf(ExampleModels.names())
        .contains(ExampleModels.BREAST_CANCER, ExampleModels.DIGITS_STATIC_BATCH);
    ModelDefinition breast = repository.find(ExampleModels.BREAST_CANCER).orElseThrow();
    assertThat(breast.versions()).containsOnlyKeys(V1, V2);
    assertThat(breast.versions().get(V1).format()).isEqualTo(ModelFormat.ONNX);
    assertThat(breast.versions().get(V2).format()).isEqualTo(ModelFormat.TORCHSCRIPT);
    assertThat(breast.defaultVersion()).isEqualTo(V1);
    assertThat(repository.find(ExampleModels.DIGITS_STATIC_BATCH).orElseThrow().versions())
        .containsOnlyKeys(V1);
  }

  @Test
  void everyExampleModelsSignatureIsTheOneItsModelYamlDeclares() {
    LocalModelRepository repository = new LocalModelRepository(List.of(EXAMPLES));
    for (String name : ExampleModels.names()) {
      assertThat(repository.find(name).orElseThrow().config().signature())
          .as(name)
          .contains(ExampleModels.signature(name));
    }
  }

  @Test
  void theTwoInputExampleKeepsItsInputOrderAndItsCategoricalFeatures() {
    ModelDefinition credit =
        new LocalModelRepository(List.of(EXAMPLES)).find(ExampleModels.CREDIT_RISK).orElseThrow();
    ModelSignature signature = credit.config().signature().orElseThrow();
    ModelSignature declared = ExampleModels.signature(ExampleModels.CREDIT_RISK);
    assertThat(signature.inputs())
        .extracting(TensorSpec::name)
        .containsExactlyElementsOf(declared.inputs().stream().map(TensorSpec::name).toList())
        .hasSize(2);
    assertThat(signature.inputs().get(1).features())
        .isNotEmpty()
        .extracting(Feature::type)
        .containsOnly(FeatureType.CATEGORICAL);
    assertThat(signature.inputs().get(0).features())
        .extracting(Feature::type)
        .containsOnly(FeatureType.NUMERIC);
    assertThat(signature.batchable()).isTrue();
  }

  @Test
  void aFixedFirstDimensionMakesTheSignatureUnbatchable() {
    ModelDefinition fixed =
        new LocalModelRepository(List.of(EXAMPLES))
            .find(ExampleModels.DIGITS_STATIC_BATCH)
            .orElseThrow();
    assertThat(fixed.config().signature().orElseThrow().batchable()).isFalse();
  }

  @Test
  void numberedFoldersAreVersionsAndTheHighestIsTheDefault(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("m/1"));
    Files.createDirectories(root.resolve("m/3"));
    Files.writeString(root.resolve("m/1/model.onnx"), "x");
    Files.writeString(root.resolve("m/3/model.pt"), "x");

    ModelDefinition m = new LocalModelRepository(List.of(root)).find("m").orElseThrow();

    assertThat(m.versions()).containsOnlyKeys(V1, V3);
    assertThat(m.versions().get(V3).format()).isEqualTo(ModelFormat.TORCHSCRIPT);
    assertThat(m.defaultVersion()).isEqualTo(V3);
  }

  @Test
  void aModelFileDirectlyInTheFolderIsVersionOne(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("flat"));
    Files.writeString(root.resolve("flat/model.onnx"), "x");
    assertThat(new LocalModelRepository(List.of(root)).find("flat").orElseThrow().versions())
        .containsOnlyKeys(V1);
  }

  @Test
  void theFirstRootHoldingANameWinsAndUnknownNamesAreEmpty(@TempDir Path a, @TempDir Path b)
      throws IOException {
    Files.createDirectories(a.resolve("m"));
    Files.writeString(a.resolve("m/model.onnx"), "x");
    Files.createDirectories(b.resolve("m/2"));
    Files.writeString(b.resolve("m/2/model.onnx"), "x");

    LocalModelRepository repository = new LocalModelRepository(List.of(a, b));

    assertThat(repository.find("m").orElseThrow().versions()).containsOnlyKeys(V1);
    assertThat(repository.find("absent")).isEmpty();
    assertThat(repository.find("../m")).isEmpty();
  }

  @Test
  void aVersionFileThatDoesNotExistIsReportedWithItsPath(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("m"));
    Files.writeString(root.resolve("m/model.yaml"), "versions:\n  1: missing.onnx\n");
    assertThatThrownBy(() -> new LocalModelRepository(List.of(root)).find("m"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("missing.onnx");
  }
}

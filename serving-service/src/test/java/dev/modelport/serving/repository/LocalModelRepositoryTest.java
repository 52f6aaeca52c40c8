package dev.modelport.serving.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.tensor.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelRepositoryTest {

  private static final Path EXAMPLES = Path.of("../examples/models");

  @Test
  void everyExampleModelIsListedAndServesItsOnnxFileAsVersionOneAndTorchScriptAsVersionTwo() {
    LocalModelRepository repository = new LocalModelRepository(List.of(EXAMPLES));

    assertThat(repository.modelNames())
        .containsExactly(
            "breast-cancer-mlp",
            "credit-risk-mixed",
            "diabetes-regressor",
            "digits-cnn",
            "digits-static-batch",
            "mobilenet-v3-small");
    ModelDefinition breast = repository.find("breast-cancer-mlp").orElseThrow();
    assertThat(breast.versions()).containsOnlyKeys(1L, 2L);
    assertThat(breast.versions().get(1L).format()).isEqualTo(ModelFormat.ONNX);
    assertThat(breast.versions().get(2L).format()).isEqualTo(ModelFormat.TORCHSCRIPT);
    assertThat(breast.defaultVersion()).isEqualTo(1);
    assertThat(repository.find("digits-static-batch").orElseThrow().versions())
        .containsOnlyKeys(1L);
  }

  @Test
  void theTwoInputExampleDeclaresItsSignatureInOrder() {
    ModelDefinition credit =
        new LocalModelRepository(List.of(EXAMPLES)).find("credit-risk-mixed").orElseThrow();
    ModelSignature signature = credit.config().signature().orElseThrow();
    assertThat(signature.inputs())
        .extracting(TensorSpec::name)
        .containsExactly("numeric", "categorical");
    assertThat(signature.inputs().get(1).datatype()).isEqualTo(DataType.INT64);
    assertThat(signature.inputs().get(1).features()).containsExactly("region", "employment");
    assertThat(signature.batchable()).isTrue();
  }

  @Test
  void aFixedFirstDimensionMakesTheSignatureUnbatchable() {
    ModelDefinition fixed =
        new LocalModelRepository(List.of(EXAMPLES)).find("digits-static-batch").orElseThrow();
    assertThat(fixed.config().signature().orElseThrow().batchable()).isFalse();
  }

  @Test
  void numberedFoldersAreVersionsAndTheHighestIsTheDefault(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("m/1"));
    Files.createDirectories(root.resolve("m/3"));
    Files.writeString(root.resolve("m/1/model.onnx"), "x");
    Files.writeString(root.resolve("m/3/model.pt"), "x");

    ModelDefinition m = new LocalModelRepository(List.of(root)).find("m").orElseThrow();

    assertThat(m.versions()).containsOnlyKeys(1L, 3L);
    assertThat(m.versions().get(3L).format()).isEqualTo(ModelFormat.TORCHSCRIPT);
    assertThat(m.defaultVersion()).isEqualTo(3);
  }

  @Test
  void aModelFileDirectlyInTheFolderIsVersionOne(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("flat"));
    Files.writeString(root.resolve("flat/model.onnx"), "x");
    assertThat(new LocalModelRepository(List.of(root)).find("flat").orElseThrow().versions())
        .containsOnlyKeys(1L);
  }

  @Test
  void theFirstRootHoldingANameWinsAndUnknownNamesAreEmpty(@TempDir Path a, @TempDir Path b)
      throws IOException {
    Files.createDirectories(a.resolve("m"));
    Files.writeString(a.resolve("m/model.onnx"), "x");
    Files.createDirectories(b.resolve("m/2"));
    Files.writeString(b.resolve("m/2/model.onnx"), "x");

    LocalModelRepository repository = new LocalModelRepository(List.of(a, b));

    assertThat(repository.find("m").orElseThrow().versions()).containsOnlyKeys(1L);
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

package dev.modelport.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {
  private static final String BREAST = ExampleModels.BREAST_CANCER;

  @TempDir Path dir;

  @Test
  void anExampleFolderRegistersItsOnnxFileWithModelYamlAndTrainingData() {
    ModelSource source = ModelSource.of(ExampleModels.dir(BREAST), null, null, null, null);

    assertThat(source.name()).isEqualTo(BREAST);
    assertThat(source.format()).isEqualTo(ArtifactFormat.ONNX);
    assertThat(source.artifact()).isEqualTo(ExampleModels.dir(BREAST).resolve("model.onnx"));
    assertThat(source.signature()).isEqualTo(ExampleModels.file(BREAST, "model.yaml"));
    assertThat(source.signatureIsModelYaml()).isTrue();
    assertThat(source.trainingData()).contains(ExampleModels.file(BREAST, "train.csv"));
    assertThat(source.serving().maxBatchSize()).isEqualTo(64);
    assertThat(source.serving().maxQueueSize()).isEqualTo(1024);
  }

  @Test
  void torchscriptFormatPicksTheFoldersModelPtAndNameWins() {
    ModelSource source =
        ModelSource.of(ExampleModels.dir(BREAST), "bc", ArtifactFormat.TORCHSCRIPT, null, null);

    assertThat(source.name()).isEqualTo("bc");
    assertThat(source.artifact().getFileName()).hasToString("model.pt");
  }

  @Test
  void aFolderWithOnlyModelPtRegistersTorchscript() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("pt-only"));
    Files.copy(ExampleModels.file(BREAST, "model.pt"), folder.resolve("model.pt"));
    Files.copy(ExampleModels.file(BREAST, "model.yaml"), folder.resolve("model.yaml"));

    ModelSource source = ModelSource.of(folder, null, null, null, null);

    assertThat(source.format()).isEqualTo(ArtifactFormat.TORCHSCRIPT);
    assertThat(source.trainingData()).isEmpty();
  }

  @Test
  void aSingleFileTakesItsFormatFromItsExtensionAndTheModelYamlBesideIt() {
    ModelSource source =
        ModelSource.of(ExampleModels.file(BREAST, "model.pt"), "bc", null, null, null);

    assertThat(source.format()).isEqualTo(ArtifactFormat.TORCHSCRIPT);
    assertThat(source.signature().getFileName()).hasToString("model.yaml");
    assertThat(source.trainingData()).isEmpty();
  }

  @Test
  void aSingleFileTakesASignatureJson() throws IOException {
    Path onnx = Files.copy(ExampleModels.onnx(BREAST), dir.resolve("m.onnx"));
    Path json =
        Files.writeString(
            dir.resolve("signature.json"),
            "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [-1, 30]}],"
                + " \"outputs\": [{\"name\": \"probabilities\", \"datatype\": \"FP32\", \"shape\": [-1, 2]}]}");

    ModelSource source = ModelSource.of(onnx, "m", null, json, null);

    assertThat(source.signatureIsModelYaml()).isFalse();
    assertThat(source.serving()).isNull();
  }
}

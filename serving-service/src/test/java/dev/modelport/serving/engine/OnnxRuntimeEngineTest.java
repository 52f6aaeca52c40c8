package dev.modelport.serving.engine;

import static dev.modelport.serving.Fixtures.assertRowsMatch;
import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.testsupport.ExampleModels.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.batching.BatchExecutor;
import dev.modelport.serving.model.EngineSettings;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.model.ModelConfigException;
import dev.modelport.serving.model.ModelDefinition;
import dev.modelport.serving.model.ModelFormat;
import dev.modelport.serving.repository.LocalModelRepository;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class OnnxRuntimeEngineTest extends EngineContractTest {

  @Override
  ModelFormat format() {
    return ModelFormat.ONNX;
  }

  @Test
  void theSpinningSwitchBecomesOnnxRuntimeSessionConfiguration() {
    assertThat(DjlEngines.onnxConfigEntries(false))
        .containsOnly(
            org.assertj.core.api.Assertions.entry("session.intra_op.allow_spinning", "0"),
            org.assertj.core.api.Assertions.entry("session.inter_op.allow_spinning", "0"));
    assertThat(DjlEngines.onnxConfigEntries(true))
        .containsOnly(
            org.assertj.core.api.Assertions.entry("session.intra_op.allow_spinning", "1"),
            org.assertj.core.api.Assertions.entry("session.inter_op.allow_spinning", "1"));
  }

  @Test
  void sessionsWithAndWithoutSpinningThreadsGiveTheReferenceOutputs() throws Exception {
    ModelDefinition diabetes =
        new LocalModelRepository(List.of(ExampleModels.root()))
            .find("diabetes-regressor")
            .orElseThrow();
    ModelArtifact onnx =
        diabetes.versions().values().stream()
            .filter(a -> a.format() == ModelFormat.ONNX)
            .findFirst()
            .orElseThrow();
    CsvTable test = csv("diabetes-regressor", "test.csv");
    for (boolean spinning : new boolean[] {true, false}) {
      DjlEngines engines = new DjlEngines(new EngineDefaults("cpu", 2, 1, spinning));
      try (ModelRunner runner =
              engines.load(onnx, diabetes.config().signature(), EngineSettings.DEFAULT);
          BatchExecutor executor = runner.newExecutor()) {
        List<Tensor> out = executor.execute(List.of(fp32("input", test, 0, 10)));
        assertRowsMatch(
            (float[]) out.get(0).values(),
            csv("diabetes-regressor", "expected_test_predictions.csv"));
      }
    }
  }

  @Test
  void aModelOnnxRuntimeCannotLoadFailsWithOnnxRuntimesReasonAndNoPath(@TempDir Path dir)
      throws Exception {
    // well-formed ONNX (it passes the registry's format check) naming an operator that no
    // ONNX Runtime has (signature from the registry): DJL reports only "ONNX Model cannot be
    // loaded", its cause says why
    byte[] bytes = Files.readAllBytes(ExampleModels.onnx(ExampleModels.BREAST_CANCER));
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int relu = text.indexOf("\"\u0004Relu");
    assertThat(relu).isNotNegative();
    bytes[relu + 3] = 'x';
    Path file = Files.write(dir.resolve("unknown-operator.onnx"), bytes);
    ModelArtifact artifact =
        new ModelArtifact(
            ExampleModels.BREAST_CANCER,
            new VersionNumber(3),
            file,
            ModelFormat.ONNX,
            Optional.of(ExampleModels.signature(ExampleModels.BREAST_CANCER)),
            Optional.empty());
    DjlEngines engines = new DjlEngines(new EngineDefaults("cpu", 1, 1, false));

    assertThatThrownBy(() -> engines.load(artifact, artifact.signature(), EngineSettings.DEFAULT))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageStartingWith(
            "model 'breast-cancer-mlp' version 3: OnnxRuntime cannot load unknown-operator.onnx: ")
        .hasMessageContaining("Rxlu")
        .hasMessageNotContaining(dir.toString());
  }
}

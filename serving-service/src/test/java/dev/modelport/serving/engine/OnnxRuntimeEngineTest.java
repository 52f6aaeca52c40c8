package dev.modelport.serving.engine;

import static dev.modelport.serving.Fixtures.assertRowsMatch;
import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.testsupport.ExampleModels.csv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.batching.BatchExecutor;
import dev.modelport.serving.model.EngineSettings;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.model.ModelDefinition;
import dev.modelport.serving.model.ModelFormat;
import dev.modelport.serving.repository.LocalModelRepository;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

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
            (float[]) out.get(0).data(),
            csv("diabetes-regressor", "expected_test_predictions.csv"));
      }
    }
  }
}

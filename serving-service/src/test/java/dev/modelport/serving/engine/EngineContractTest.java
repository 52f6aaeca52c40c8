package dev.modelport.serving.engine;

import static dev.modelport.serving.Fixtures.assertRowsMatch;
import static dev.modelport.serving.Fixtures.fp32;
import static dev.modelport.serving.Fixtures.int64;
import static dev.modelport.testsupport.ExampleModels.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.Fixtures;
import dev.modelport.serving.batching.BatchExecutor;
import dev.modelport.serving.model.EngineSettings;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.model.ModelDefinition;
import dev.modelport.serving.model.ModelFormat;
import dev.modelport.serving.repository.LocalModelRepository;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every engine must do, run once per format by a subclass. Runs inside the shared Quarkus test
 * application so that the engines' native libraries load in one class loader only.
 */
abstract class EngineContractTest {

  @Inject DjlEngines engines;

  /** The format under test. */
  abstract ModelFormat format();

  private ModelArtifact artifact(ModelDefinition model) {
    return model.versions().values().stream()
        .filter(a -> a.format() == format())
        .findFirst()
        .orElseThrow();
  }

  private static ModelDefinition model(String name) {
    return new LocalModelRepository(List.of(ExampleModels.root())).find(name).orElseThrow();
  }

  @Test
  void aTwoInputModelReproducesItsReferenceOutputs() throws Exception {
    ModelDefinition credit = model("credit-risk-mixed");
    CsvTable test = csv("credit-risk-mixed", "test.csv");
    try (ModelRunner runner =
            engines.load(artifact(credit), credit.config().signature(), EngineSettings.DEFAULT);
        BatchExecutor executor = runner.newExecutor()) {
      List<Tensor> out =
          executor.execute(List.of(fp32("numeric", test, 0, 4), int64("categorical", test, 4, 6)));
      assertThat(out).extracting(Tensor::name).containsExactly("probabilities");
      assertRowsMatch(
          (float[]) out.get(0).values(),
          csv("credit-risk-mixed", "expected_test_probabilities.csv"));
    }
  }

  /** {@code t} in its raw form, in a direct buffer (as the batcher joins) or a heap one. */
  private static Tensor raw(Tensor t, boolean direct) {
    byte[] bytes = dev.modelport.protocol.codec.RawTensorCodec.encode(t);
    java.nio.ByteBuffer b =
        direct
            ? java.nio.ByteBuffer.allocateDirect(bytes.length)
            : java.nio.ByteBuffer.allocate(bytes.length);
    b.order(java.nio.ByteOrder.LITTLE_ENDIAN).put(bytes).flip();
    return new Tensor(t.name(), t.datatype(), t.shape(), b);
  }

  @Test
  void rawInputsInDirectAndHeapBuffersGiveTheReferenceOutputsAsRawOutputs() throws Exception {
    ModelDefinition credit = model("credit-risk-mixed");
    CsvTable test = csv("credit-risk-mixed", "test.csv");
    try (ModelRunner runner =
            engines.load(artifact(credit), credit.config().signature(), EngineSettings.DEFAULT);
        BatchExecutor executor = runner.newExecutor()) {
      for (boolean direct : new boolean[] {true, false}) {
        List<Tensor> out =
            executor.execute(
                List.of(
                    raw(fp32("numeric", test, 0, 4), direct),
                    raw(int64("categorical", test, 4, 6), direct)));
        assertThat(out.get(0).isRaw())
            .as("output of a %s input", direct ? "direct" : "heap")
            .isTrue();
        assertRowsMatch(
            (float[]) out.get(0).values(),
            csv("credit-risk-mixed", "expected_test_probabilities.csv"));
      }
    }
  }

  @Test
  void everyBatchSizeGivesTheSameRowsAsOneBigBatch() throws Exception {
    ModelDefinition diabetes = model("diabetes-regressor");
    CsvTable test = csv("diabetes-regressor", "test.csv");
    CsvTable expected = csv("diabetes-regressor", "expected_test_predictions.csv");
    try (ModelRunner runner =
            engines.load(
                artifact(diabetes), diabetes.config().signature(), EngineSettings.DEFAULT);
        BatchExecutor executor = runner.newExecutor()) {
      for (int size : new int[] {1, 7, 64}) {
        CsvTable rows = Fixtures.firstRows(test, size);
        float[] y = (float[]) executor.execute(List.of(fp32("input", rows, 0, 10))).get(0).values();
        assertRowsMatch(y, Fixtures.firstRows(expected, size));
      }
    }
  }

  @Test
  void aClosedRunnerHandsOutNoExecutorAndClosesTwiceQuietly() {
    ModelDefinition diabetes = model("diabetes-regressor");
    ModelRunner runner =
        engines.load(artifact(diabetes), diabetes.config().signature(), EngineSettings.DEFAULT);
    runner.newExecutor(); // left open: the runner closes it
    runner.close();
    runner.close();
    assertThatThrownBy(runner::newExecutor).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAbsentGpuFallsBackToTheCpu() {
    ModelDefinition diabetes = model("diabetes-regressor");
    try (ModelRunner runner =
        engines.load(
            artifact(diabetes),
            diabetes.config().signature(),
            new EngineSettings(Optional.of("gpu:7"), Optional.empty()))) {
      assertThat(runner.describe()).contains("cpu");
    }
  }
}

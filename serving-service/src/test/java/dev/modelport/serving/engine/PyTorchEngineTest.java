package dev.modelport.serving.engine;

import dev.modelport.serving.model.ModelFormat;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PyTorchEngineTest extends EngineContractTest {

  @Override
  ModelFormat format() {
    return ModelFormat.TORCHSCRIPT;
  }
}

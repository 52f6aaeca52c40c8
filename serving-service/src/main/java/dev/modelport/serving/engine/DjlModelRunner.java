package dev.modelport.serving.engine;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.batching.BatchExecutor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model loaded by DJL. Owns the {@link ZooModel} and every {@link Predictor} it hands out; {@link
 * #close()} closes predictors left open, then the model, freeing the engine's native memory. Per
 * call, DJL's translator context owns the input and output NDArrays and closes them when the call
 * returns (see {@link TensorListTranslator}).
 */
final class DjlModelRunner implements ModelRunner {

  private final ZooModel<List<Tensor>, List<Tensor>> model;
  private final ModelSignature signature;
  private final String description;
  private final String label;
  private final AutoCloseable engineOptions;
  private final Set<Predictor<List<Tensor>, List<Tensor>>> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param label the model and version, as messages to clients name them ({@code model 'x' version
   *     1})
   * @param description what the log says about the loaded model (engine, device, file)
   * @param engineOptions native engine settings to close after the model, or null
   */
  DjlModelRunner(
      ZooModel<List<Tensor>, List<Tensor>> model,
      ModelSignature signature,
      String label,
      String description,
      AutoCloseable engineOptions) {
    this.model = model;
    this.label = label;
    this.signature = signature;
    this.description = description;
    this.engineOptions = engineOptions;
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public BatchExecutor newExecutor() {
    if (closed) {
      throw new IllegalStateException(description + " is closed");
    }
    Predictor<List<Tensor>, List<Tensor>> predictor = model.newPredictor();
    open.add(predictor);
    return new BatchExecutor() {
      @Override
      public List<Tensor> execute(List<Tensor> inputs) throws Exception {
        try {
          return predictor.predict(inputs);
        } catch (Exception | Error e) {
          throw EngineErrors.translate(label, e);
        }
      }

      @Override
      public void close() {
        if (open.remove(predictor)) {
          predictor.close();
        }
      }
    };
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Predictor<List<Tensor>, List<Tensor>> p : open) {
      if (open.remove(p)) {
        p.close();
      }
    }
    model.close();
    if (engineOptions != null) {
      try {
        engineOptions.close();
      } catch (Exception e) {
        throw new IllegalStateException(
            description + ": closing the engine options failed: " + e.getMessage(), e);
      }
    }
  }
}

package dev.modelport.serving.batching;

import dev.modelport.protocol.tensor.Tensor;
import java.util.List;

/**
 * Runs one batch on the engine. Each batcher thread creates its own executor and is its only user,
 * so implementations need not be thread-safe; {@link #close()} frees what it holds (a DJL
 * predictor) and is called on the same thread.
 */
public interface BatchExecutor extends AutoCloseable {

  /**
   * Runs the model on {@code inputs} (in signature order, joined along dimension 0) and returns the
   * outputs in signature order, each with the same number of rows as the inputs.
   */
  List<Tensor> execute(List<Tensor> inputs) throws Exception;

  @Override
  default void close() {}
}

package dev.modelport.serving.engine;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.serving.batching.BatchExecutor;

/**
 * A model loaded into an engine. Owns the engine's model object (DJL {@code ZooModel} and its
 * native memory) until {@link #close()}; each {@link #newExecutor()} owns one predictor and must be
 * closed before the runner. Thread-safe; each executor is used by one thread.
 */
public interface ModelRunner extends AutoCloseable {

  /** The signature the runner takes and returns tensors in. */
  ModelSignature signature();

  /** A new executor with its own predictor, for one batcher thread. */
  BatchExecutor newExecutor();

  /** A short description for logs: engine, device, file. */
  String describe();

  /** Frees the model and any executor still open. Idempotent. */
  @Override
  void close();
}

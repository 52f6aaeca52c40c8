package dev.modelport.serving.lifecycle;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.serving.batching.DynamicBatcher;
import dev.modelport.serving.engine.ModelRunner;
import dev.modelport.serving.model.ModelArtifact;
import java.time.Duration;

/**
 * What a ready version runs on: its engine model and its batcher. Owns both; {@link #close} drains
 * the batcher (queued requests finish), then frees the model's native memory.
 *
 * @param artifact the loaded file
 * @param runner the engine model
 * @param batcher the version's queue and executors
 */
public record ModelRuntime(ModelArtifact artifact, ModelRunner runner, DynamicBatcher batcher) {

  public ModelSignature signature() {
    return runner.signature();
  }

  /** Drains for up to {@code drainTimeout}, then closes the executors and the model. */
  public void close(Duration drainTimeout) {
    try {
      batcher.close(drainTimeout);
    } finally {
      runner.close();
    }
  }
}

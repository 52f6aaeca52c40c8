package dev.modelport.serving.registry;

import dev.modelport.registryclient.api.ServingSettings;
import dev.modelport.serving.model.BatchingSettings;
import dev.modelport.serving.model.EngineSettings;
import dev.modelport.serving.model.ModelConfig;
import dev.modelport.serving.model.WarmupSettings;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A registry version's serving hints as a model configuration (defaults where a hint is absent).
 */
final class RegistryServing {

  private RegistryServing() {}

  static ModelConfig config(ServingSettings s) {
    BatchingSettings d = BatchingSettings.DEFAULT;
    BatchingSettings batching =
        s == null
            ? d
            : new BatchingSettings(
                true,
                s.maxBatchSize() == null ? d.maxBatchSize() : s.maxBatchSize(),
                s.maxQueueDelayMicros() == null ? d.maxQueueDelayMicros() : s.maxQueueDelayMicros(),
                s.preferredBatchSizes() == null ? d.preferredBatchSizes() : s.preferredBatchSizes(),
                s.maxQueueSize() == null ? d.maxQueueSize() : s.maxQueueSize(),
                s.instances() == null ? d.instances() : s.instances());
    return new ModelConfig(
        new TreeMap<>(),
        Optional.empty(),
        Optional.empty(),
        batching,
        WarmupSettings.DEFAULT,
        EngineSettings.DEFAULT);
  }
}

package dev.modelport.serving.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.serving.batching.BatchPolicy;
import dev.modelport.serving.model.BatchingSettings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a model's batching settings become its batcher's policy. */
class BatchPolicyWiringTest {

  private static final ModelSignature BATCHABLE =
      new ModelSignature(
          List.of(new TensorSpec("x", DataType.FP32, new long[] {-1, 1}, List.of())),
          List.of(new TensorSpec("y", DataType.FP32, new long[] {-1, 1}, List.of())));

  private static BatchingSettings settings(BatchingSettings.Mode mode) {
    return new BatchingSettings(true, 32, 250, List.of(8), 100, 2, mode, 20_000);
  }

  @Test
  void adaptiveModeGivesAnAdaptivePolicyWithItsObjective() {
    BatchPolicy policy =
        new VersionLoader(null, true, LifecycleObserver.NONE)
            .policy(settings(BatchingSettings.Mode.ADAPTIVE), BATCHABLE);
    assertThat(policy.adaptive()).isTrue();
    assertThat(policy.adaptiveMaxLatencyNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    assertThat(policy.maxBatchSize()).isEqualTo(32);
    assertThat(policy.instances()).isEqualTo(2);
  }

  @Test
  void staticModeKeepsItsSettingsAsTheyAre() {
    BatchPolicy policy =
        new VersionLoader(null, true, LifecycleObserver.NONE)
            .policy(settings(BatchingSettings.Mode.STATIC), BATCHABLE);
    assertThat(policy).isEqualTo(new BatchPolicy(true, 32, 250_000, List.of(8), 100, 2));
    assertThat(policy.adaptive()).isFalse();
  }

  @Test
  void batchingOffServiceWideIsNeverAdaptive() {
    BatchPolicy policy =
        new VersionLoader(null, false, LifecycleObserver.NONE)
            .policy(settings(BatchingSettings.Mode.ADAPTIVE), BATCHABLE);
    assertThat(policy.joinRequests()).isFalse();
    assertThat(policy.adaptive()).isFalse();
  }
}

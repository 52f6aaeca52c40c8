package dev.modelport.serving.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.batching.BatchListener;
import dev.modelport.serving.batching.BatchPolicy;
import dev.modelport.serving.batching.DynamicBatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gauges of adaptive batching: present for an adaptive batcher only. */
class AdaptiveBatchingMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ServingMetrics metrics = new ServingMetrics(registry);

  private static DynamicBatcher batcher(BatchPolicy policy) {
    return new DynamicBatcher("m version 1", policy, () -> inputs -> inputs, BatchListener.NONE);
  }

  @Test
  void anAdaptiveBatcherExportsItsChosenSizeAndDelay() {
    DynamicBatcher b =
        batcher(new BatchPolicy(true, 16, 0, List.of(), 10, 1, TimeUnit.MILLISECONDS.toNanos(50)));
    try {
      metrics.loaded("m", VersionNumber.of(1), b, 0);
      assertThat(
              registry
                  .get(ServingMetrics.ADAPTIVE_BATCH_SIZE)
                  .tags("model", "m", "version", "1")
                  .gauge()
                  .value())
          .isEqualTo(1.0); // the smallest size before its first step
      assertThat(
              registry
                  .get(ServingMetrics.ADAPTIVE_QUEUE_DELAY)
                  .tags("model", "m", "version", "1")
                  .gauge()
                  .value())
          .isZero();
      metrics.unloaded("m", VersionNumber.of(1), b);
      assertThat(registry.get(ServingMetrics.ADAPTIVE_BATCH_SIZE).gauge().value()).isNaN();
    } finally {
      b.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void aStaticBatcherExportsNoAdaptiveGauge() {
    DynamicBatcher b = batcher(new BatchPolicy(true, 16, 0, List.of(), 10, 1));
    try {
      metrics.loaded("m", VersionNumber.of(1), b, 0);
      assertThat(registry.find(ServingMetrics.ADAPTIVE_BATCH_SIZE).gauge()).isNull();
    } finally {
      b.close(Duration.ofSeconds(5));
    }
  }
}

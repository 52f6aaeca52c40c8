package dev.modelport.serving.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.serving.config.ServingConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventPublishingTest {

  static final ServingConfig.Events DEFAULTS =
      new ServingConfig.Events() {
        @Override
        public double sampleRate() {
          return 1.0;
        }

        @Override
        public Map<String, Double> sampleRates() {
          return Map.of();
        }

        @Override
        public Optional<Long> sampleSeed() {
          return Optional.empty();
        }

        @Override
        public String topic() {
          return "modelport.inference-events";
        }

        @Override
        public int bufferEvents() {
          return 10;
        }

        @Override
        public MemorySize bufferBytes() {
          return new MemorySize(java.math.BigInteger.valueOf(1 << 20));
        }

        @Override
        public int maxEventBytes() {
          return 1_000_000;
        }

        @Override
        public Duration closeTimeout() {
          return Duration.ofSeconds(1);
        }

        @Override
        public Duration drainInterval() {
          return Duration.ofMillis(5);
        }
      };

  @Test
  void withoutBootstrapServersEventsAreOff() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    assertThat(EventPublishing.fromConfig(DEFAULTS, Optional.empty(), registry))
        .isSameAs(InferenceEventSink.OFF);
    assertThat(EventPublishing.fromConfig(DEFAULTS, Optional.of("  "), registry))
        .isSameAs(InferenceEventSink.OFF);
    assertThat(InferenceEventSink.OFF.wants("any")).isFalse();
  }

  @Test
  void withBootstrapServersEventsGoToKafkaAndEveryDropReasonIsCountedFromZero() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (InferenceEventSink sink =
        EventPublishing.fromConfig(DEFAULTS, Optional.of("127.0.0.1:1"), registry)) {
      assertThat(sink).isInstanceOf(KafkaEventPublisher.class);
      assertThat(sink.wants("any")).isTrue();
      assertThat(registry.find(EventMeters.DROPPED).counters())
          .extracting(c -> c.getId().getTag("reason"))
          .containsExactlyInAnyOrder("buffer_full", "too_large", "send_failed", "shutdown");
      assertThat(registry.find(EventMeters.DROPPED).counters())
          .allSatisfy(c -> assertThat(c.count()).isZero());
    }
  }
}

package dev.modelport.serving.events;

/**
 * Where the request path hands answered inferences to become inference events. Implementations
 * never block and never throw: an inference never waits for, or fails because of, its event.
 */
public interface InferenceEventSink extends AutoCloseable {

  /** A sink that publishes nothing, for a service without Kafka. */
  InferenceEventSink OFF =
      new InferenceEventSink() {
        @Override
        public boolean wants(String model) {
          return false;
        }

        @Override
        public void record(CompletedInference inference) {}

        @Override
        public void close() {}
      };

  /**
   * Whether the next request of {@code model} should become an event (the sampling decision, made
   * before the request path builds a {@link CompletedInference}).
   */
  boolean wants(String model);

  /** Takes an answered inference that {@link #wants} chose; returns at once. */
  void record(CompletedInference inference);

  /** Publishes what it can within its close timeout and releases the Kafka client. */
  @Override
  void close();
}

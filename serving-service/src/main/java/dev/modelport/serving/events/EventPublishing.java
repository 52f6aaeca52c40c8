package dev.modelport.serving.events;

import dev.modelport.serving.config.ServingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Chooses the service's {@link InferenceEventSink} from its configuration. */
public final class EventPublishing {

  private static final Logger LOG = Logger.getLogger(EventPublishing.class);

  private EventPublishing() {}

  /**
   * A Kafka publisher when {@code bootstrapServers} is set and not blank, else {@link
   * InferenceEventSink#OFF}; either way one log line says which.
   */
  public static InferenceEventSink fromConfig(
      ServingConfig.Events config, Optional<String> bootstrapServers, MeterRegistry registry) {
    Optional<String> servers = bootstrapServers.map(String::trim).filter(s -> !s.isEmpty());
    if (servers.isEmpty()) {
      LOG.info(
          "Inference events are off: kafka.bootstrap.servers is not set (set it to publish a"
              + " sample of requests to the drift monitor)");
      return InferenceEventSink.OFF;
    }
    EventSampler sampler =
        new EventSampler(
            config.sampleRate(), config.sampleRates(), config.sampleSeed().orElse(null));
    EventBuffer buffer = new EventBuffer(config.bufferEvents(), config.bufferBytes().asLongValue());
    LOG.infof(
        "Publishing inference events to topic '%s' at %s (sample rate %s)",
        config.topic(), servers.get(), config.sampleRate());
    return KafkaEventPublisher.connect(
        servers.get(),
        sampler,
        buffer,
        config.topic(),
        config.maxEventBytes(),
        config.closeTimeout(),
        config.drainInterval(),
        new EventMeters(registry));
  }
}

package dev.modelport.kafka.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.Map;

/**
 * Starts an {@link EmbeddedKafkaBroker} for a {@code @QuarkusTest} and points the application at it
 * through {@code kafka.bootstrap.servers} (and turns Kafka Dev Services off, since they need
 * Docker).
 *
 * <p>Use {@code @QuarkusTestResource(EmbeddedKafkaResource.class)} or
 * {@code @WithTestResource(EmbeddedKafkaResource.class)}. Init arguments: {@code topics} (comma
 * separated names created before the application starts) and {@code partitions} (default 1).
 */
public class EmbeddedKafkaResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedKafkaBroker broker;
  private String[] topics = new String[0];
  private int partitions = 1;

  @Override
  public void init(Map<String, String> initArgs) {
    String names = initArgs.getOrDefault("topics", "");
    topics =
        Arrays.stream(names.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toArray(String[]::new);
    partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "1"));
  }

  @Override
  public Map<String, String> start() {
    broker = EmbeddedKafkaBroker.builder().build().start();
    if (topics.length > 0) {
      broker.createTopics(partitions, topics);
    }
    return Map.of(
        "kafka.bootstrap.servers",
        broker.bootstrapServers(),
        "quarkus.kafka.devservices.enabled",
        "false");
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        broker,
        new TestInjector.AnnotatedAndMatchesType(
            InjectEmbeddedKafka.class, EmbeddedKafkaBroker.class));
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
    }
  }
}

package dev.modelport.serving.events;

import dev.modelport.kafka.embedded.EmbeddedKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * An embedded Kafka broker for the shared test application, so that its requests become inference
 * events. Global like {@code GrpcTestPort}: every {@code @QuarkusTest} of the module keeps sharing
 * one application (a second application in the same JVM cannot load the PyTorch natives again).
 */
@WithTestResource(
    value = EmbeddedKafkaResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "topics", value = "modelport.inference-events"))
public final class EventsKafka {

  private EventsKafka() {}
}

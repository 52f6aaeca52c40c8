package dev.modelport.kafka.embedded;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test field of type {@link EmbeddedKafkaBroker} that {@link EmbeddedKafkaResource} fills.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectEmbeddedKafka {}

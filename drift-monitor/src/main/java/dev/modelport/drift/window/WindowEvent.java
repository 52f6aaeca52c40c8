package dev.modelport.drift.window;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.protocol.event.TraceParent;
import java.util.Objects;

/**
 * One inference event as {@link WindowBook#add} takes it: where it came from, the version's
 * signature it was read against, and its rows. Immutable.
 *
 * @param partition Kafka partition it came from
 * @param key model version
 * @param schema the version's features (a window whose schema differs is closed first)
 * @param outputSchema the version's output columns, or null when it profiles no output
 * @param offset its Kafka offset
 * @param eventMicros its timestamp, in microseconds since the epoch
 * @param rows its feature rows (and output columns), checked against the signature
 * @param trace its trace context, or null when it carried none
 */
public record WindowEvent(
    int partition,
    ModelVersionKey key,
    FeatureSchema schema,
    FeatureSchema outputSchema,
    long offset,
    long eventMicros,
    EventRows rows,
    TraceParent trace) {

  public WindowEvent {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(rows, "rows");
  }
}

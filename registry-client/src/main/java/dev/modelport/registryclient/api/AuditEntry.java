package dev.modelport.registryclient.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One write recorded by the registry.
 *
 * @param id increasing identifier, in the order the writes committed per model
 * @param actor name of the API key (or {@code anonymous})
 * @param action for example {@code model.create}, {@code version.create}, {@code alias.set}
 * @param target for example {@code models/iris/aliases/champion}
 * @param before state before the write, null for a creation
 * @param after state after the write, null for a deletion
 */
public record AuditEntry(
    long id,
    String actor,
    String action,
    String target,
    JsonNode before,
    JsonNode after,
    Instant at) {}

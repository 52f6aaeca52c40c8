package dev.modelport.registryclient.api;

import dev.modelport.protocol.model.VersionNumber;
import java.time.Instant;

/**
 * One change of an alias, from the registry's audit log ({@code GET
 * /api/v1/models/{m}/aliases/{a}/history}, newest first).
 *
 * @param auditId id of the audit entry
 * @param action {@code alias.set} (created or moved) or {@code alias.delete}
 * @param version the version the alias pointed at from then on; null after a deletion
 * @param previousVersion the version it pointed at before; null when it was created
 * @param actor name of the API key that made the change
 * @param at when the change committed
 */
public record AliasChange(
    long auditId,
    String model,
    String alias,
    String action,
    VersionNumber version,
    VersionNumber previousVersion,
    String actor,
    Instant at) {}

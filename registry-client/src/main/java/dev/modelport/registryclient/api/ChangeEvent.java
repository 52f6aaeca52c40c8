package dev.modelport.registryclient.api;

import dev.modelport.protocol.model.VersionNumber;
import java.time.Instant;

/**
 * One entry of the change feed.
 *
 * @param seq gap-free sequence number, in commit order
 * @param version the created version or the alias's new target; null for a model deletion
 * @param alias the alias name for alias events, else null
 * @param previousVersion the alias's former target for alias events, else null
 */
public record ChangeEvent(
    long seq,
    EventType type,
    String model,
    VersionNumber version,
    String alias,
    VersionNumber previousVersion,
    Instant at) {}

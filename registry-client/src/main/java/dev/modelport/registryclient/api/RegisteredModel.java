package dev.modelport.registryclient.api;

import dev.modelport.protocol.model.VersionNumber;
import java.time.Instant;
import java.util.Map;

/**
 * A registered model: a name under which numbered versions are published.
 *
 * @param name unique name, {@code [a-z0-9][a-z0-9._-]{0,63}}
 * @param description free text, may be null
 * @param tags string tags (key to value)
 * @param latestVersion highest version number published so far, 0 when none
 * @param aliases alias name to version number
 */
public record RegisteredModel(
    String name,
    String description,
    Map<String, String> tags,
    int latestVersion,
    Map<String, VersionNumber> aliases,
    String createdBy,
    Instant createdAt,
    String updatedBy,
    Instant updatedAt) {
  public RegisteredModel {
    tags = Copies.map(tags);
    aliases = Copies.map(aliases);
  }
}

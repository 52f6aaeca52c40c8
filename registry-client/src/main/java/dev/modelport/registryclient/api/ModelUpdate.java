package dev.modelport.registryclient.api;

import java.util.Map;

/**
 * Body of {@code PATCH /api/v1/models/{model}}: a null field is left unchanged; tags, when given,
 * replace all tags.
 */
public record ModelUpdate(String description, Map<String, String> tags) {
  public ModelUpdate {
    tags = tags == null ? null : Copies.map(tags);
  }
}

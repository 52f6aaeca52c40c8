package dev.modelport.registryclient.api;

import java.util.Map;

/** Body of {@code POST /api/v1/models}. */
public record NewModel(String name, String description, Map<String, String> tags) {
  public NewModel {
    tags = Copies.map(tags);
  }
}

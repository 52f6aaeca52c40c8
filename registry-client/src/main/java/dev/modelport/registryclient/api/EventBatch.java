package dev.modelport.registryclient.api;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/events}.
 *
 * @param events events after the requested sequence, in order
 * @param last sequence to pass as {@code after} in the next poll
 */
public record EventBatch(List<ChangeEvent> events, long last) {
  public EventBatch {
    events = Copies.list(events);
  }
}

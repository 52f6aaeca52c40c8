package dev.modelport.registryclient.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kinds of change-feed events. */
public enum EventType {
  VERSION_CREATED("version.created"),
  ALIAS_MOVED("alias.moved"),
  ALIAS_DELETED("alias.deleted"),
  MODEL_DELETED("model.deleted");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name such as {@code alias.moved}. */
  @JsonCreator
  public static EventType of(String value) {
    for (EventType type : values()) {
      if (type.wireName.equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown event type '" + value + "'");
  }
}

package dev.modelport.drift.window;

/** Why a window closed. */
public enum CloseReason {
  /** It reached the row limit. */
  ROWS,
  /** An event arrived whose timestamp lies past the window's duration. */
  EVENT_TIME,
  /** The window stayed open longer than its duration on this process's clock. */
  WALL_CLOCK,
  /** The version's signature changed in the registry (its features differ from the window's). */
  SIGNATURE_CHANGED
}

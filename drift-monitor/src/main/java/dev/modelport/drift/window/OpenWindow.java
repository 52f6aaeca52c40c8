package dev.modelport.drift.window;

import dev.modelport.drift.ModelVersionKey;
import java.time.Instant;

/**
 * A snapshot of an open window, as of its latest event. Immutable.
 *
 * @param key model version
 * @param partition Kafka partition of its events
 * @param rows rows so far
 * @param events events so far
 * @param maxRows the row count that closes it
 * @param openedAt when this process opened it (wall clock)
 * @param closesBy when it closes by time at the latest (opened plus the window duration), unless
 *     its rows fill it first
 * @param firstEventAt its first event's timestamp
 * @param lastEventAt its latest event's timestamp
 */
public record OpenWindow(
    ModelVersionKey key,
    int partition,
    long rows,
    int events,
    long maxRows,
    Instant openedAt,
    Instant closesBy,
    Instant firstEventAt,
    Instant lastEventAt) {}

package dev.modelport.drift.health;

/**
 * The outcome of one readiness probe.
 *
 * @param up whether the dependency answered as expected
 * @param detail what answered, or what went wrong (shown as the check's {@code detail} data)
 */
public record ProbeResult(boolean up, String detail) {}

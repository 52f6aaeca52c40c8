package dev.modelport.cli.up;

/**
 * A port the suite listens on, with what uses it and the {@code up} option that changes it.
 *
 * @param port the TCP port
 * @param purpose what listens there, e.g. {@code registry HTTP}
 * @param option the option of {@code modelport up} that sets it, e.g. {@code --registry-port}
 */
public record PortUse(int port, String purpose, String option) {}

package dev.modelport.registryclient;

/**
 * A running {@link RegistryClient#followEvents} loop. {@link #close()} stops it and waits up to a
 * few seconds for the loop thread to end.
 */
public interface EventSubscription extends AutoCloseable {
  /**
   * Sequence of the last event delivered to the listener (the {@code after} it started from if
   * none).
   */
  long lastSeq();

  @Override
  void close();
}

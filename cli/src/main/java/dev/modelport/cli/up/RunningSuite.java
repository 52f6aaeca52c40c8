package dev.modelport.cli.up;

import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The started parts of the suite: the in-process broker and the child processes. Owns them: {@link
 * #close} stops the children (the registry's clients first, then the registry; SIGTERM, SIGKILL
 * after a grace period) and then the broker.
 *
 * <p>Threading: parts are added by the starting thread while a shutdown hook may call {@link
 * #close} at any time; a part added after close is stopped at once. {@link #close} is idempotent.
 */
public final class RunningSuite implements AutoCloseable {

  private final PrintStream out;
  private final List<ChildService> children = new ArrayList<>();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private EmbeddedKafkaBroker broker;
  private boolean closed;
  private boolean up;

  public RunningSuite(PrintStream out) {
    this.out = out;
  }

  synchronized void setBroker(EmbeddedKafkaBroker broker) {
    if (closed) {
      broker.close();
      throw new IllegalStateException("the suite is stopping");
    }
    this.broker = broker;
  }

  synchronized void add(ChildService child) {
    if (closed) {
      child.stop();
      throw new IllegalStateException("the suite is stopping");
    }
    children.add(child);
    child.onExit().thenAccept(process -> reportExit(child, process.exitValue()));
  }

  /**
   * Says on the console that a child ended by itself, once the suite is up (a start-up failure is
   * reported by the start with its log lines), unless that is expected: {@code up} is stopping it,
   * or it ended from Ctrl-C, which a terminal sends to every process of the foreground group, the
   * children too, just before the shutdown hook stops them.
   */
  void reportExit(ChildService child, int exitCode) {
    if (!isUp() || child.stopping() || isClosed() || exitCode == ChildService.CTRL_C_EXIT) {
      return;
    }
    out.printf(
        "%s exited on its own with code %d; see %s%n",
        child.launch().service().module(), exitCode, child.launch().logFile());
  }

  /** Marks the suite as started: from now on a child that ends by itself is reported. */
  public synchronized void markUp() {
    up = true;
  }

  private synchronized boolean isUp() {
    return up;
  }

  /** Whether {@link #close} has begun. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** The child processes (started, maybe ended), for checks that they are gone. */
  public synchronized List<ProcessHandle> processes() {
    return children.stream().map(ChildService::handle).toList();
  }

  /** The broker's {@code bootstrap.servers}, once it runs. */
  public synchronized String bootstrapServers() {
    return broker == null ? null : broker.bootstrapServers();
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitClosed() throws InterruptedException {
    closedLatch.await();
  }

  @Override
  public void close() {
    List<ChildService> toStop;
    EmbeddedKafkaBroker toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toStop = new ArrayList<>(children);
      toClose = broker;
    }
    try {
      if (!toStop.isEmpty()) {
        out.println(
            "Stopping "
                + String.join(
                    ", ", toStop.stream().map(c -> c.launch().service().module()).toList())
                + " ...");
      }
      // The registry's clients first (all at once, their graceful shutdowns overlap), so that no
      // change-feed long poll is parked in the registry while it shuts down; then the registry.
      List<ChildService> clients =
          toStop.stream().filter(c -> c.launch().service() != Service.REGISTRY).toList();
      clients.forEach(ChildService::requestStop);
      clients.forEach(ChildService::stop);
      toStop.forEach(ChildService::stop);
      if (toClose != null) {
        out.println("Stopping the Kafka broker ...");
        toClose.close();
      }
      if (!toStop.isEmpty() || toClose != null) {
        out.println("Modelport stopped.");
      }
    } finally {
      closedLatch.countDown();
    }
  }
}

package dev.modelport.e2e;

import dev.modelport.testsupport.CsvTable;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Steady background inferences: six rows of a CSV every 20 ms (at most 300 rows/s, one request at a
 * time), through the REST API of serving; records which version answered each request, and the
 * failures. {@link #stop} waits for the request in flight. Thread-safe.
 */
final class ServingTraffic implements AutoCloseable {

  static final int ROWS_PER_REQUEST = 6;

  private final URI serving;
  private final String model;
  private final CsvTable table;
  private final ScheduledExecutorService timer;
  private final List<Sent> sent = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private int next;

  /** One answered request: when it was sent, the version that answered and its rows. */
  record Sent(Instant at, String version, int rows) {}

  private ServingTraffic(URI serving, String model, CsvTable table) {
    this.serving = serving;
    this.model = model;
    this.table = table;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "serving-traffic");
              t.setDaemon(true);
              return t;
            });
  }

  static ServingTraffic start(URI serving, String model, CsvTable table) {
    ServingTraffic t = new ServingTraffic(serving, model, table);
    t.timer.scheduleAtFixedRate(t::sendOne, 0, 20, TimeUnit.MILLISECONDS);
    return t;
  }

  private void sendOne() {
    int from = next;
    next = (next + ROWS_PER_REQUEST) % (table.size() - ROWS_PER_REQUEST);
    Instant at = Instant.now();
    try {
      SuiteCalls.Answer a =
          SuiteCalls.infer(
              serving, model, SuiteCalls.inputs(model, table, from, from + ROWS_PER_REQUEST));
      synchronized (this) {
        if (a.status() == 200) {
          sent.add(new Sent(at, a.json().path("model_version").asText(), ROWS_PER_REQUEST));
        } else {
          failures.add(a.status() + " " + a.body());
        }
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        failures.add(e.toString());
      }
    }
  }

  /** Stops sending; returns once the request in flight has its answer. */
  void stop() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the last request did not finish in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  synchronized int failures() {
    return failures.size();
  }

  synchronized String firstFailure() {
    return failures.isEmpty() ? "" : failures.get(0);
  }

  /** The version of the latest answer ("" before the first). */
  synchronized String lastVersion() {
    return sent.isEmpty() ? "" : sent.get(sent.size() - 1).version();
  }

  /** Rows answered per version. */
  synchronized Map<String, Long> rowsByVersion() {
    Map<String, Long> rows = new TreeMap<>();
    sent.forEach(s -> rows.merge(s.version(), (long) s.rows(), Long::sum));
    return rows;
  }

  /** The versions that answered requests sent before {@code instant}. */
  synchronized Set<String> versionsSentBefore(Instant instant) {
    Set<String> versions = new TreeSet<>();
    sent.stream().filter(s -> s.at().isBefore(instant)).forEach(s -> versions.add(s.version()));
    return versions;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

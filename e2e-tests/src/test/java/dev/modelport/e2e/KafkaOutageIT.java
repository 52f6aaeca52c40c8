package dev.modelport.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka stopped during load: no inference fails and latency stays close to the Kafka-up run, the
 * dropped events are counted; once Kafka is back events flow again and drift-monitor evaluates the
 * next window.
 */
class KafkaOutageIT {

  static final String MODEL = ExampleModels.BREAST_CANCER;
  static final int CLIENTS = 4;
  static final int REQUESTS_PER_CLIENT = 60;
  static final Pattern DROPPED =
      Pattern.compile("(?m)^modelport_events_dropped_total\\{[^}]*\\} ([0-9.Ee+]+)$");

  @TempDir Path work;

  @Test
  void withKafkaDownServingGoesOnCountsDropsAndPublishesAgainWhenKafkaIsBack() throws Exception {
    try (Suite suite =
            Suite.in(work)
                .drift("modelport.drift.models.\"" + MODEL + "\".window.max-rows", 114)
                .start();
        RegistryClient registry = suite.registryClient()) {
      ModelVersion v = SuiteCalls.register(registry, MODEL);
      SuiteCalls.alias(registry, MODEL, "champion", v.version());
      String version = v.version().toString();
      Http.awaitStatus(
          suite.serving.resolve("/v2/models/" + MODEL + "/ready"), 200, Duration.ofSeconds(60));
      CsvTable test = ExampleModels.csv(MODEL, "test.csv");

      // Kafka up: the reference latency, and one full window evaluated
      Load up = load(suite, test);
      assertThat(up.failures()).as("failures with Kafka up: %s", up.firstFailure()).isZero();
      awaitWindows(suite, version, 1);

      suite.stopKafka();
      Load down = load(suite, test);
      assertThat(down.failures()).as("failures with Kafka down: %s", down.firstFailure()).isZero();
      // p99 within 2x of the Kafka-up run (plus 50 ms for a 2-core machine's scheduling noise)
      assertThat(down.p99Millis())
          .as("p99 with Kafka down vs up (%.1f ms)", up.p99Millis())
          .isLessThanOrEqualTo(2 * up.p99Millis() + 50);
      await("dropped events counted")
          .atMost(Duration.ofSeconds(60))
          .until(() -> dropped(suite) > 0);

      suite.startKafka();
      Instant back = Instant.now();
      await("a window of events sent after Kafka is back")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                send(suite, test, 0, 114);
                return SuiteCalls.windows(suite.drift, MODEL, version).stream()
                    .anyMatch(w -> Instant.parse(w.path("lastEventAt").asText()).isAfter(back));
              });
    }
  }

  private static double dropped(Suite suite) {
    String metrics = SuiteCalls.get(suite.serving.resolve("/q/metrics")).body();
    Matcher m = DROPPED.matcher(metrics);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }

  private static int awaitWindows(Suite suite, String version, int count) {
    AtomicInteger seen = new AtomicInteger();
    await("drift-monitor evaluated a window")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              seen.set(SuiteCalls.windows(suite.drift, MODEL, version).size());
              return seen.get() >= count;
            });
    return seen.get();
  }

  private static void send(Suite suite, CsvTable test, int from, int to) {
    for (int r = from; r < to; r += 6) {
      SuiteCalls.infer(suite.serving, MODEL, SuiteCalls.inputs(MODEL, test, r, r + 6));
    }
  }

  /** Latencies and failures of {@link #CLIENTS} clients sending rows of {@code test}. */
  record Load(List<Long> nanos, int failures, String firstFailure) {
    double p99Millis() {
      List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6;
    }
  }

  private static Load load(Suite suite, CsvTable test) throws Exception {
    List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    List<String> firstFailure = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    int from = ((client * REQUESTS_PER_CLIENT + i) * 6) % 108;
                    List<Tensor> inputs = SuiteCalls.inputs(MODEL, test, from, from + 6);
                    long start = System.nanoTime();
                    SuiteCalls.Answer a = SuiteCalls.infer(suite.serving, MODEL, inputs);
                    nanos.add(System.nanoTime() - start);
                    if (a.status() != 200) {
                      failures.incrementAndGet();
                      firstFailure.add(a.status() + " " + a.body());
                    }
                  }
                }));
      }
      for (Future<?> f : clients) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Load(nanos, failures.get(), firstFailure.isEmpty() ? "" : firstFailure.get(0));
  }
}

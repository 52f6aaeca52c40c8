package dev.modelport.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged drift-monitor as a process of its own: its readiness reports the broker and the
 * registry, and a SIGTERM ends it within a few seconds even when the broker is already gone.
 * Skipped when drift-monitor has not been packaged (failsafe runs after {@code package}).
 */
class PackagedDriftMonitorIT {

  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final String TOPIC = "modelport.inference-events";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void readinessIsDownWithoutRegistryOrBrokerAndASigtermEndsItWithin10SecondsWithTheBrokerGone()
      throws Exception {
    assumeTrue(
        PackagedService.isPackaged("drift-monitor"),
        "drift-monitor is not packaged: " + PackagedService.jar("drift-monitor"));
    int port = FreePorts.next();
    int noRegistry = FreePorts.next();
    URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    Path log = Path.of("target", "packaged-drift-monitor-it.log").toAbsolutePath();
    Files.deleteIfExists(log);
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
    try {
      broker.createTopics(1, TOPIC);
      try (PackagedService monitor =
          PackagedService.of("drift-monitor")
              .httpPort(port)
              .readiness(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
              .property("modelport.drift.consumer.bootstrap-servers", broker.bootstrapServers())
              .property("modelport.drift.consumer.topic", TOPIC)
              .property("modelport.drift.registry.url", "http://127.0.0.1:" + noRegistry)
              .property("modelport.drift.readiness.timeout", "1s")
              .log(log)
              .startTimeout(TIMEOUT)
              .start()) {

        await("the broker check up, the registry check down")
            .atMost(TIMEOUT)
            .until(() -> check(ready, "kafka-broker").equals("UP"));
        assertThat(check(ready, "registry")).isEqualTo("DOWN");
        assertThat(status(ready)).isEqualTo(503);
        await("the consumer owns its partition")
            .atMost(TIMEOUT)
            .until(() -> Files.readString(log).contains("Assigned " + TOPIC + "-0"));

        broker.close();
        await("the broker check down")
            .atMost(TIMEOUT)
            .until(() -> check(ready, "kafka-broker").equals("DOWN"));

        long start = System.nanoTime();
        monitor.process().destroy();
        boolean exited = monitor.process().waitFor(10, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(exited).as("exited within 10 s of SIGTERM:\n" + monitor.logTail(30)).isTrue();
        assertThat(Files.readString(log)).contains("The drift consumer stopped");
        System.out.println("drift-monitor stopped " + took.toMillis() + " ms after SIGTERM");
      }
    } finally {
      broker.close();
    }
  }

  /** The status of the readiness check {@code name} ("UP", "DOWN", or "" while not answered). */
  private static String check(URI ready, String name) throws InterruptedException {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      for (JsonNode c : JSON.readTree(r.body()).path("checks")) {
        if (c.path("name").asText().equals(name)) {
          return c.path("status").asText();
        }
      }
      return "";
    } catch (IOException e) {
      return "";
    }
  }

  private static int status(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}

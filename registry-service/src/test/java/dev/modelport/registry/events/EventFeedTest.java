package dev.modelport.registry.events;

import static dev.modelport.registry.Api.ADMIN;
import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.READER;
import static dev.modelport.registry.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelport.registry.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class EventFeedTest {
  @Inject EventFeed feed;

  private static long last() {
    return as(READER)
        .get("/api/v1/events/last")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("last");
  }

  private static JsonPath poll(long after, String wait) {
    return as(READER)
        .queryParam("after", after)
        .queryParam("wait", wait)
        .get("/api/v1/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void writesAppearInOrderWithConsecutiveSequenceNumbers() {
    long start = last();
    String model = Api.createModel("feed");
    Api.uploadVersion(model, Api.onnx(10, 1));
    as(PUBLISHER)
        .contentType("application/json")
        .body("{\"version\": 1}")
        .put("/api/v1/models/{m}/aliases/challenger", model)
        .then()
        .statusCode(200);
    as(ADMIN).delete("/api/v1/models/{m}/aliases/challenger", model).then().statusCode(204);
    as(ADMIN).delete("/api/v1/models/{m}", model).then().statusCode(204);

    JsonPath feed = poll(start, "0s");
    List<String> types = feed.getList("events.findAll { it.model == '" + model + "' }.type");
    assertThat(types)
        .containsExactly("version.created", "alias.moved", "alias.deleted", "model.deleted");
    List<Long> seqs = feed.getList("events.seq", Long.class);
    for (int i = 1; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
    }
    assertThat(feed.getLong("last")).isEqualTo(seqs.get(seqs.size() - 1));
    assertThat(feed.getInt("events.find { it.type == 'alias.deleted' }.previousVersion"))
        .isEqualTo(1);
  }

  @Test
  void longPollReturnsAsSoonAsAnEventCommits() throws Exception {
    String model = Api.createModel("wake");
    long start = last();
    long began = System.nanoTime();
    int parkedBefore = feed.parkedPolls();
    CompletableFuture<JsonPath> pending = CompletableFuture.supplyAsync(() -> poll(start, "20s"));
    // the poll found nothing and parked: only an event can answer it now
    await().atMost(Duration.ofSeconds(10)).until(() -> feed.parkedPolls() > parkedBefore);
    assertThat(pending).isNotDone();

    Api.uploadVersion(model, Api.onnx(10, 2));
    JsonPath answer = pending.get(10, TimeUnit.SECONDS);

    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began)).isLessThan(10);
    assertThat(answer.getString("events[0].type")).isEqualTo("version.created");
    assertThat(answer.getString("events[0].model")).isEqualTo(model);
    assertThat(answer.getInt("events[0].version")).isEqualTo(1);
  }

  @Test
  void longPollWithNothingNewAnswersEmptyAfterTheWait() {
    long start = last();
    long began = System.nanoTime();
    JsonPath answer = poll(start, "700ms");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(600);
    assertThat(answer.getList("events")).isEmpty();
    assertThat(answer.getLong("last")).isEqualTo(start);
  }

  @Test
  void malformedWaitIs400() {
    as(READER).queryParam("wait", "soon").get("/api/v1/events").then().statusCode(400);
  }
}

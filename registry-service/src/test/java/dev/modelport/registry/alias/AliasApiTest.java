package dev.modelport.registry.alias;

import static dev.modelport.registry.Api.ADMIN;
import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.READER;
import static dev.modelport.registry.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.Api;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.api.AliasChange;
import dev.modelport.registryclient.api.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class AliasApiTest {

  private static void setAlias(
      String key, String model, String alias, int version, int expectedStatus) {
    as(key)
        .contentType("application/json")
        .body("{\"version\": " + version + "}")
        .put("/api/v1/models/{m}/aliases/{a}", model, alias)
        .then()
        .statusCode(expectedStatus);
  }

  @Test
  void aliasIsSetMovedResolvedAndDeleted() {
    String model = Api.createModel("alias");
    Api.uploadVersion(model, Api.onnx(10, 1));
    Api.uploadVersion(model, Api.onnx(10, 2));

    setAlias(PUBLISHER, model, "challenger", 1, 200);
    as(READER)
        .get("/api/v1/models/{m}/aliases/challenger", model)
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("updatedBy", equalTo("test-publisher"));
    setAlias(PUBLISHER, model, "challenger", 2, 200);
    as(READER).get("/api/v1/models/{m}", model).then().body("aliases.challenger", equalTo(2));
    as(READER)
        .get("/api/v1/models/{m}/aliases", model)
        .then()
        .body("alias", equalTo(List.of("challenger")));

    as(ADMIN).delete("/api/v1/models/{m}/aliases/challenger", model).then().statusCode(204);
    as(READER).get("/api/v1/models/{m}/aliases/challenger", model).then().statusCode(404);
  }

  @Test
  void aliasCannotPointAtAMissingVersion() {
    String model = Api.createModel("alias-missing");
    setAlias(PUBLISHER, model, "challenger", 3, 404);
    setAlias(PUBLISHER, model, "challenger", 0, 400);
  }

  @Test
  void protectedAliasNeedsAnAdminToMove() {
    String model = Api.createModel("champ");
    Api.uploadVersion(model, Api.onnx(10, 3));
    as(PUBLISHER)
        .contentType("application/json")
        .body("{\"version\": 1}")
        .put("/api/v1/models/{m}/aliases/champion", model)
        .then()
        .statusCode(403)
        .body("error", containsString("protected"));
    setAlias(ADMIN, model, "champion", 1, 200);
  }

  @Test
  void invalidAliasNamesAre400() {
    String model = Api.createModel("badalias");
    Api.uploadVersion(model, Api.onnx(10, 4));
    setAlias(PUBLISHER, model, "Champion!", 1, 400);
    setAlias(PUBLISHER, model, "x".repeat(65), 1, 400);
  }

  @Test
  void auditLogRecordsEachWriteWithActorAndStates() {
    String model = Api.createModel("audited");
    Api.uploadVersion(model, Api.onnx(10, 5));
    setAlias(PUBLISHER, model, "challenger", 1, 200);

    JsonPath log =
        as(READER)
            .queryParam("model", model)
            .get("/api/v1/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(log.getList("action"))
        .containsExactly("model.create", "version.create", "alias.set");
    assertThat(log.getList("actor")).containsOnly("test-publisher");
    assertThat(log.getString("[2].target")).isEqualTo("models/" + model + "/aliases/challenger");
    assertThat(log.getObject("[2].before", Object.class)).isNull();
    assertThat(log.getInt("[2].after.version")).isEqualTo(1);
  }

  @Test
  void concurrentAliasMovesLeaveAConsistentAuditChain() throws Exception {
    String model = Api.createModel("race");
    for (int i = 0; i < 5; i++) {
      Api.uploadVersion(model, Api.onnx(10, 50 + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Callable<Integer>> moves = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        int version = 1 + i % 5;
        moves.add(
            () ->
                as(PUBLISHER)
                    .contentType("application/json")
                    .body("{\"version\": " + version + "}")
                    .put("/api/v1/models/{m}/aliases/challenger", model)
                    .statusCode());
      }
      for (Future<Integer> status : pool.invokeAll(moves)) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Map<String, Object>> entries =
        as(READER)
            .queryParam("model", model)
            .queryParam("limit", 500)
            .get("/api/v1/audit")
            .then()
            .extract()
            .jsonPath()
            .getList("findAll { it.action == 'alias.set' }");
    assertThat(entries).isNotEmpty();
    Object previousAfter = null;
    for (Map<String, Object> entry : entries) {
      Object before =
          entry.get("before") == null ? null : ((Map<?, ?>) entry.get("before")).get("version");
      assertThat(before).isEqualTo(previousAfter);
      previousAfter = ((Map<?, ?>) entry.get("after")).get("version");
      assertThat(previousAfter).isNotEqualTo(before);
    }
    int finalVersion =
        as(READER)
            .get("/api/v1/models/{m}/aliases/challenger", model)
            .then()
            .extract()
            .path("version");
    assertThat(previousAfter).isEqualTo(finalVersion);
  }

  @Test
  void aliasNamesOutsideThePatternAreRefusedNamingTheAlias() {
    String model = Api.createModel("pattern");
    Api.uploadVersion(model, Api.onnx(10, 70));
    for (String bad : List.of("champion.", "Champion", "champion_2", "2nd", "a".repeat(65))) {
      as(PUBLISHER)
          .contentType("application/json")
          .body("{\"version\": 1}")
          .put("/api/v1/models/{m}/aliases/{a}", model, bad)
          .then()
          .statusCode(400)
          .body("error", containsString("alias"));
    }
    setAlias(PUBLISHER, model, "canary-2", 1, 200);
    setAlias(PUBLISHER, model, "a".repeat(64), 1, 200);
  }

  @Test
  void aliasHistoryAnswersWhichVersionHeldItWhenNewestFirstAndPaged() {
    String model = Api.createModel("history");
    for (int i = 0; i < 3; i++) {
      Api.uploadVersion(model, Api.onnx(10, 80 + i));
    }
    setAlias(PUBLISHER, model, "live", 1, 200);
    setAlias(PUBLISHER, model, "live", 2, 200);
    setAlias(PUBLISHER, model, "other", 1, 200);
    setAlias(ADMIN, model, "live", 3, 200);
    as(ADMIN).delete("/api/v1/models/{m}/aliases/live", model).then().statusCode(204);
    setAlias(PUBLISHER, model, "live", 1, 200);

    JsonPath all =
        as(READER)
            .get("/api/v1/models/{m}/aliases/live/history", model)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(all.getInt("total")).isEqualTo(5);
    assertThat(all.getList("items.action"))
        .containsExactly("alias.set", "alias.delete", "alias.set", "alias.set", "alias.set");
    assertThat(all.getList("items.version")).containsExactly(1, null, 3, 2, 1);
    assertThat(all.getList("items.previousVersion")).containsExactly(null, 3, 2, 1, null);
    assertThat(all.getList("items.actor"))
        .containsExactly(
            "test-publisher", "test-admin", "test-admin", "test-publisher", "test-publisher");

    try (RegistryClient client = RegistryClient.builder(Api.baseUri()).apiKey(Api.READER).build()) {
      Page<AliasChange> page = client.aliasHistory(model, "live", 1, 2);
      assertThat(page.total()).isEqualTo(5);
      assertThat(page.items())
          .extracting(AliasChange::action)
          .containsExactly("alias.delete", "alias.set");
      assertThat(page.items().get(1).version()).isEqualTo(VersionNumber.of(3));
      assertThat(page.items().get(1).at()).isBefore(page.items().get(0).at().plusNanos(1));
    }
    as(READER)
        .get("/api/v1/models/{m}/aliases/live/history?limit=x", model)
        .then()
        .statusCode(400)
        .body("error", containsString("limit"));
    as(READER)
        .get("/api/v1/models/{m}/aliases/live/history", Api.uniqueName("nomodel"))
        .then()
        .statusCode(404);
  }
}

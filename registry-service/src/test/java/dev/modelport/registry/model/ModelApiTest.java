package dev.modelport.registry.model;

import static dev.modelport.registry.Api.ADMIN;
import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.READER;
import static dev.modelport.registry.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ModelApiTest {

  @Test
  void createdModelCanBeReadBackWithItsTagsAndAuthor() {
    String name = Api.uniqueName("iris");
    as(PUBLISHER)
        .contentType("application/json")
        .body(
            "{\"name\": \""
                + name
                + "\", \"description\": \"Iris classifier\", \"tags\": {\"team\": \"ml\"}}")
        .post("/api/v1/models")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/models/" + name));

    as(READER)
        .get("/api/v1/models/{m}", name)
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("description", equalTo("Iris classifier"))
        .body("tags.team", equalTo("ml"))
        .body("latestVersion", equalTo(0))
        .body("createdBy", equalTo("test-publisher"));
  }

  @Test
  void creatingTheSameModelTwiceIsAConflict() {
    String name = Api.createModel("dup");
    as(PUBLISHER)
        .contentType("application/json")
        .body("{\"name\": \"" + name + "\"}")
        .post("/api/v1/models")
        .then()
        .statusCode(409)
        .body("error", containsString(name));
  }

  @Test
  void listingFiltersByNamePrefixAndTagAndPages() {
    String prefix = Api.uniqueName("list");
    for (int i = 0; i < 3; i++) {
      String tags = i == 1 ? "{\"stage\": \"prod\"}" : "{\"stage\": \"dev\"}";
      as(PUBLISHER)
          .contentType("application/json")
          .body("{\"name\": \"" + prefix + "-" + i + "\", \"tags\": " + tags + "}")
          .post("/api/v1/models")
          .then()
          .statusCode(201);
    }

    List<String> firstPage =
        as(READER)
            .queryParam("prefix", prefix)
            .queryParam("limit", 2)
            .get("/api/v1/models")
            .then()
            .statusCode(200)
            .body("total", equalTo(3))
            .extract()
            .path("items.name");
    List<String> secondPage =
        as(READER)
            .queryParam("prefix", prefix)
            .queryParam("limit", 2)
            .queryParam("offset", 2)
            .get("/api/v1/models")
            .then()
            .statusCode(200)
            .extract()
            .path("items.name");
    List<String> prod =
        as(READER)
            .queryParam("prefix", prefix)
            .queryParam("tag", "stage:prod")
            .get("/api/v1/models")
            .then()
            .statusCode(200)
            .extract()
            .path("items.name");

    assertThat(firstPage).containsExactly(prefix + "-0", prefix + "-1");
    assertThat(secondPage).containsExactly(prefix + "-2");
    assertThat(prod).containsExactly(prefix + "-1");
  }

  @Test
  void namePrefixMatchesUnderscoreAndDotLiterally() {
    String base = Api.uniqueName("lit");
    for (String suffix : List.of("_x", "ax")) {
      as(PUBLISHER)
          .contentType("application/json")
          .body("{\"name\": \"" + base + suffix + "\"}")
          .post("/api/v1/models")
          .then()
          .statusCode(201);
    }
    List<String> found =
        as(READER)
            .queryParam("prefix", base + "_")
            .get("/api/v1/models")
            .then()
            .statusCode(200)
            .extract()
            .path("items.name");
    assertThat(found).containsExactly(base + "_x");
  }

  @Test
  void updateChangesDescriptionAndReplacesTags() {
    String name = Api.createModel("upd");
    as(PUBLISHER)
        .contentType("application/json")
        .body("{\"description\": \"new\", \"tags\": {\"owner\": \"bob\"}}")
        .patch("/api/v1/models/{m}", name)
        .then()
        .statusCode(200)
        .body("description", equalTo("new"))
        .body("tags.owner", equalTo("bob"))
        .body("updatedBy", equalTo("test-publisher"));
  }

  @Test
  void deleteRemovesTheModelAndItsVersions() {
    String name = Api.createModel("del");
    Api.uploadVersion(name, Api.onnx(100, 1));
    as(ADMIN).delete("/api/v1/models/{m}", name).then().statusCode(204);
    as(READER)
        .get("/api/v1/models/{m}", name)
        .then()
        .statusCode(404)
        .body("error", containsString(name));
    as(READER).get("/api/v1/models/{m}/versions/1", name).then().statusCode(404);
  }

  @Test
  void deleteIsRefusedWhileAnAliasPointsIntoTheModel() {
    String name = Api.createModel("aliased");
    Api.uploadVersion(name, Api.onnx(100, 2));
    as(PUBLISHER)
        .contentType("application/json")
        .body("{\"version\": 1}")
        .put("/api/v1/models/{m}/aliases/staging", name)
        .then()
        .statusCode(200);

    as(ADMIN)
        .delete("/api/v1/models/{m}", name)
        .then()
        .statusCode(409)
        .body("error", containsString("staging"));
    as(READER).get("/api/v1/models/{m}", name).then().statusCode(200);
  }

  @Test
  void malformedOrOversizedNamesAreRejectedNamingTheField() {
    for (String bad : List.of("../etc", "Upper", "-lead", "a/b", "a".repeat(65), "")) {
      as(PUBLISHER)
          .contentType("application/json")
          .body("{\"name\": \"" + bad + "\"}")
          .post("/api/v1/models")
          .then()
          .statusCode(400)
          .body("error", containsString("model"));
    }
  }

  @Test
  void pathTraversalInPathSegmentsIsRejected() {
    as(READER)
        .urlEncodingEnabled(false)
        .get("/api/v1/models/..%2F..%2Fetc%2Fpasswd")
        .then()
        .statusCode(400);
    as(READER)
        .urlEncodingEnabled(false)
        .get("/api/v1/models/x/versions/1/artifact/..%2F..")
        .then()
        .statusCode(404);
    as(READER)
        .get("/api/v1/models/{m}", "a".repeat(65))
        .then()
        .statusCode(400)
        .body("error", containsString("64"));
  }

  @Test
  void unknownModelIs404() {
    as(READER).get("/api/v1/models/{m}", Api.uniqueName("missing")).then().statusCode(404);
  }

  @Test
  void invalidJsonBodyIs400() {
    as(PUBLISHER)
        .contentType("application/json")
        .body("{\"name\": ")
        .post("/api/v1/models")
        .then()
        .statusCode(400);
    as(PUBLISHER)
        .contentType("application/json")
        .body("{\"name\": \"ok-name\", \"tags\": [1]}")
        .post("/api/v1/models")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(400)
        .body("error", containsString("tags"));
  }
}

package dev.modelport.registry.security;

import static dev.modelport.registry.Api.ADMIN;
import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.READER;
import static dev.modelport.registry.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class SecurityTest {
  private String model;

  /** A write: method, path and body, and the least role that may do it. */
  private record Write(String method, String path, String body, String minimumRole) {}

  @BeforeEach
  void modelWithAVersion() {
    model = Api.createModel("sec");
    Api.uploadVersion(model, Api.onnx(10, 1));
    as(ADMIN)
        .contentType("application/json")
        .body("{\"version\": 1}")
        .put("/api/v1/models/{m}/aliases/staging", model);
  }

  private List<Write> writes() {
    return List.of(
        new Write(
            "POST", "/api/v1/models", "{\"name\": \"" + Api.uniqueName("x") + "\"}", "publisher"),
        new Write("PATCH", "/api/v1/models/" + model, "{\"description\": \"x\"}", "publisher"),
        new Write(
            "PUT",
            "/api/v1/models/" + model + "/aliases/challenger",
            "{\"version\": 1}",
            "publisher"),
        new Write(
            "PUT", "/api/v1/models/" + model + "/aliases/champion", "{\"version\": 1}", "admin"),
        new Write("DELETE", "/api/v1/models/" + model + "/aliases/staging", null, "admin"),
        new Write("DELETE", "/api/v1/models/" + model, null, "admin"));
  }

  private static io.restassured.response.Response send(RequestSpecification spec, Write write) {
    if (write.body != null) {
      spec = spec.contentType("application/json").body(write.body);
    }
    return spec.request(write.method, write.path);
  }

  @Test
  void everyWriteWithoutAKeyIs401() {
    for (Write write : writes()) {
      send(given(), write)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", containsString("Bearer"));
    }
    given()
        .multiPart("metadata", Api.METADATA, "application/json")
        .multiPart("artifact", "m.onnx", new byte[10], "application/octet-stream")
        .post("/api/v1/models/{m}/versions", model)
        .then()
        .statusCode(401);
  }

  @Test
  void everyWriteWithAnUnknownKeyIs401() {
    for (Write write : writes()) {
      send(as("not-a-key"), write)
          .then()
          .statusCode(401)
          .body("error", containsString("API key"))
          .body("error", containsString("modelport.registry.security.api-keys.\"<name>\".sha256"));
    }
  }

  @Test
  void everyWriteWithTooSmallARoleIs403() {
    for (Write write : writes()) {
      send(as(READER), write).then().statusCode(403);
      if (write.minimumRole.equals("admin")) {
        send(as(PUBLISHER), write).then().statusCode(403);
      }
    }
    Api.upload(READER, model, new byte[10], Api.METADATA).statusCode(403);
  }

  @Test
  void adminMayDoEveryWrite() {
    Function<Write, Integer> status = write -> send(as(ADMIN), write).statusCode();
    as(ADMIN).delete("/api/v1/models/{m}/aliases/staging", model).then().statusCode(204);
    for (Write write : writes()) {
      if (write.path.endsWith("/aliases/staging")) {
        continue;
      }
      if (write.method.equals("DELETE") && write.path.endsWith(model)) {
        as(ADMIN).delete("/api/v1/models/{m}/aliases/challenger", model).then().statusCode(204);
        as(ADMIN).delete("/api/v1/models/{m}/aliases/champion", model).then().statusCode(204);
      }
      int code = status.apply(write);
      org.assertj.core.api.Assertions.assertThat(code)
          .as(write.method + " " + write.path)
          .isBetween(200, 204);
    }
  }

  @Test
  void readsNeedAKeyUnlessAnonymousReadIsConfigured() {
    given().get("/api/v1/models/{m}", model).then().statusCode(401);
    as(READER).get("/api/v1/models/{m}", model).then().statusCode(200);
  }

  @Test
  void xApiKeyHeaderIsAcceptedLikeABearerToken() {
    given()
        .header("X-Api-Key", READER)
        .get("/api/v1/models/{m}", model)
        .then()
        .statusCode(200)
        .body("name", equalTo(model));
  }
}

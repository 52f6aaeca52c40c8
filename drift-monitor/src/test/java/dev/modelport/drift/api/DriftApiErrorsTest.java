package dev.modelport.drift.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The error answers of the HTTP API through the running service (no consumer, no registry): each
 * client mistake gets its 4xx with a message naming what was wrong, as {@code {"error": "..."}} on
 * the JSON API and as an HTML page on the report page.
 */
@QuarkusTest
@TestProfile(DriftApiErrorsTest.ApiOnly.class)
class DriftApiErrorsTest {

  /** The API alone: no Kafka consumer, no change feed. */
  public static class ApiOnly implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "modelport.drift.consumer.enabled", "false",
          "modelport.drift.registry.follow-changes", "false");
    }
  }

  @Test
  void aModelWithoutResultsIs404NamingIt() {
    given()
        .get("/api/v1/drift/no-such-model")
        .then()
        .statusCode(404)
        .contentType(containsString("application/json"))
        .body("error", equalTo("no drift results for model 'no-such-model'"));
    given()
        .get("/api/v1/drift/no-such-model/versions/3")
        .then()
        .statusCode(404)
        .body("error", equalTo("no drift results for version 3 of model 'no-such-model'"));
  }

  @Test
  void aMalformedVersionIs400NamingTheParameter() {
    given()
        .get("/api/v1/drift/some-model/versions/x")
        .then()
        .statusCode(400)
        .contentType(containsString("application/json"))
        .body("error", equalTo("version: must be a positive whole number, got 'x'"));
    given()
        .get("/api/v1/drift/some-model/versions/-1")
        .then()
        .statusCode(400)
        .body("error", containsString("version: "));
  }

  @Test
  void theReportPageAnswersItsErrorsAsEscapedHtml() {
    given()
        .get("/drift/some-model/versions/x")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("version: must be a positive whole number, got &#39;x&#39;"));
    given()
        .get("/drift/{model}/versions/1", "<b>bold")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(containsString("No window of &lt;b&gt;bold/1 has been evaluated yet."))
        .body(not(containsString("<b>")));
  }

  @Test
  void aWrongMethodKeepsItsStatusWithTheErrorBodyAndNoInternals() {
    given()
        .post("/api/v1/drift/some-model")
        .then()
        .statusCode(405)
        .body("error", equalTo("HTTP 405 Method Not Allowed"))
        .body(not(containsString("Exception")))
        .body(not(containsString("dev.modelport")));
  }
}

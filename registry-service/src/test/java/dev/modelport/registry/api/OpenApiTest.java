package dev.modelport.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {
  @Test
  void openApiDocumentDescribesTheRegistryEndpoints() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/models/{model}/versions"))
        .body(containsString("/api/v1/models/{model}/aliases/{alias}"))
        .body(containsString("/api/v1/models/{model}/aliases/{alias}/history"))
        .body(containsString("AliasChange"))
        .body(containsString("/api/v1/events"))
        .body(containsString("ModelVersion"));
  }

  @Test
  void healthAndUploadMetricsAreExposed() {
    String model = dev.modelport.registry.Api.createModel("metrics");
    dev.modelport.registry.Api.uploadVersion(model, dev.modelport.registry.Api.onnx(10, 1));
    given().get("/q/health/ready").then().statusCode(200);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("modelport_registry_uploads_total{outcome=\"created\""))
        .body(containsString("modelport_registry_upload_bytes_total"))
        .body(containsString("modelport_registry_cleanups_total{kind=\"orphan-blob\"}"))
        .body(containsString("modelport_registry_cleanup_freed_bytes_total{kind=\"spool\"}"));
  }

  @Test
  void swaggerUiIsServed() {
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
  }

  @Test
  void theRootPageListsTheApiItsDocumentsMetricsAndHealthWithoutAKey() {
    given()
        .get("/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<title>Modelport registry</title>"))
        .body(containsString("/api/v1/models/{model}/versions"))
        .body(containsString("/api/v1/events"))
        .body(containsString("<a href=\"/q/openapi\">"))
        .body(containsString("<a href=\"/q/swagger-ui/\">"))
        .body(containsString("<a href=\"/q/metrics\">"))
        .body(containsString("<a href=\"/q/health/ready\">"));
  }
}

package dev.modelport.registry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.Api;
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
  void versionUploadDescribesItsMultipartPartsAndTheStatusCodesItReturns() throws Exception {
    JsonNode upload = openApi().at("/paths/~1api~1v1~1models~1{model}~1versions/post");

    JsonNode multipart = upload.at("/requestBody/content/multipart~1form-data");
    assertThat(multipart.at("/encoding/metadata/contentType").asText())
        .isEqualTo("application/json");
    JsonNode form = resolve(multipart.path("schema"));
    assertThat(form.path("properties").fieldNames())
        .toIterable()
        .contains("metadata", "artifact", "model.yaml", "training-data", "profile");
    assertThat(form.path("required")).extracting(JsonNode::asText).contains("metadata", "artifact");
    assertThat(upload.path("responses").fieldNames())
        .toIterable()
        .contains("201", "400", "401", "403", "413")
        .doesNotContain("200");
    assertThat(upload.at("/responses/201/content/application~1json/schema").toString())
        .contains("ModelVersion");
  }

  @Test
  void metadataPartHasASchemaAndAnExampleThatTheRegistryAccepts() throws Exception {
    JsonNode document = openApi();
    JsonNode form =
        resolve(
            document.at(
                "/paths/~1api~1v1~1models~1{model}~1versions/post/requestBody/content/multipart~1form-data/schema"));
    JsonNode metadata = form.at("/properties/metadata");
    assertThat(resolve(metadata).path("properties").fieldNames())
        .toIterable()
        .contains("format", "signature", "metrics", "tags");
    // OpenAPI 3.1 writes examples as a list; 3.0 as one example
    JsonNode example =
        metadata.has("examples") ? metadata.path("examples").path(0) : metadata.path("example");
    assertThat(example.isObject()).as("metadata example %s", example).isTrue();

    String model = Api.uniqueName("example");
    Api.upload(Api.PUBLISHER, model, Api.onnx(10, 1), example.toString())
        .statusCode(201)
        .body("version", org.hamcrest.Matchers.equalTo(1));
  }

  @Test
  void modelCreationIsDocumentedAs201() throws Exception {
    JsonNode create = openApi().at("/paths/~1api~1v1~1models/post");
    assertThat(create.path("responses").fieldNames())
        .toIterable()
        .contains("201", "409")
        .doesNotContain("200");
  }

  private static JsonNode openApi() throws Exception {
    return new ObjectMapper()
        .readTree(
            given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
  }

  private static JsonNode resolve(JsonNode schema) throws Exception {
    String ref = schema.path("$ref").asText("");
    if (ref.isEmpty()) {
      return schema;
    }
    return openApi().at(ref.substring(1));
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

package dev.modelport.serving.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IndexPageTest {

  @Test
  void theRootPageListsTheV2EndpointsTheModelsMetricsAndHealth() {
    String html =
        given()
            .get("/")
            .then()
            .statusCode(200)
            .contentType(containsString("text/html"))
            .extract()
            .asString();
    assertThat(html)
        .contains("<title>Modelport serving</title>")
        .contains("gRPC (port ")
        .contains("<a href=\"/v2/models/breast-cancer-mlp\">breast-cancer-mlp</a>")
        .contains("<code>POST /v2/models/breast-cancer-mlp/infer</code>")
        .contains("<a href=\"/v2/models/credit-risk-mixed\">")
        .contains("<code>POST /v2/models/{model}[/versions/{version}]/infer</code>")
        .contains("<a href=\"/v2\">")
        .contains("<a href=\"/v2/health/ready\">")
        .contains("<a href=\"/q/health/ready\">")
        .contains("<a href=\"/q/metrics\">");
  }
}

package dev.modelport.registry.api;

import static dev.modelport.registry.Api.READER;
import static dev.modelport.registry.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.modelport.registry.Api;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryJson;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.VersionMetadata;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Client mistakes in query parameters are 400s naming them; downloads keep unicode names. */
@QuarkusTest
class InputValidationTest {
  @Test
  void nonNumericIntegerQueryParametersAre400NamingTheParameter() {
    String model = Api.createModel("params");
    expect400(as(READER).get("/api/v1/models?limit=ten"), "limit");
    expect400(as(READER).get("/api/v1/models?offset=x"), "offset");
    expect400(as(READER).get("/api/v1/models/{m}/versions?offset=abc", model), "offset");
    expect400(as(READER).get("/api/v1/models/{m}/versions?limit=1.5", model), "limit");
    expect400(as(READER).get("/api/v1/events?after=yesterday"), "after");
    expect400(as(READER).get("/api/v1/events?limit=many"), "limit");
    expect400(as(READER).get("/api/v1/audit?after=x"), "after");
    expect400(as(READER).get("/api/v1/audit?limit=x"), "limit");
    as(READER).get("/api/v1/models?limit=5&offset=0").then().statusCode(200);
  }

  @Test
  void aUnicodeArtifactFileNameSurvivesContentDisposition() throws Exception {
    String model = Api.createModel("unicode");
    String fileName = "modèle-δ.onnx";
    byte[] bytes = Api.onnx(100, 1);
    try (RegistryClient client =
        RegistryClient.builder(Api.baseUri()).apiKey(Api.PUBLISHER).build()) {
      client.uploadVersion(
          model,
          VersionUpload.of(
              fileName,
              () -> new ByteArrayInputStream(bytes),
              RegistryJson.newMapper().readValue(Api.METADATA, VersionMetadata.class)));
    }
    Response download = as(READER).get("/api/v1/models/{m}/versions/1/artifact", model);
    String header = download.header("Content-Disposition");
    assertThat(header).contains("filename=\"");
    String star = header.substring(header.indexOf("filename*=UTF-8''") + 17);
    assertThat(URLDecoder.decode(star, StandardCharsets.UTF_8)).isEqualTo(fileName);
  }

  @Test
  void aSuffixRangeLongerThanTheArtifactGivesTheWholeOfItWithACorrectContentRange() {
    String model = Api.createModel("suffix");
    byte[] artifact = Api.onnx(5, 1);
    Api.uploadVersion(model, artifact);
    Response r =
        as(READER)
            .header("Range", "bytes=-50")
            .get("/api/v1/models/{m}/versions/1/artifact", model);
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.header("Content-Range")).isEqualTo("bytes 0-4/5");
  }

  private static void expect400(Response response, String parameter) {
    response.then().statusCode(400).body("error", containsString(parameter));
  }
}

package dev.modelport.registry.version;

import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.Api;
import dev.modelport.registry.crash.ValidOnnx;
import dev.modelport.testsupport.ExampleModels;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Artifacts are checked against their declared format's signature before a version commits. */
@QuarkusTest
class ArtifactFormatTest {
  private static final String TORCHSCRIPT =
      Api.METADATA.replace("\"format\": \"onnx\"", "\"format\": \"torchscript\"");

  @Test
  void aZeroByteArtifactIsRefusedNamingTheArtifactAndTheFormat() {
    String model = Api.createModel("empty");
    Api.upload(PUBLISHER, model, new byte[0], Api.METADATA)
        .statusCode(400)
        .body("error", containsString("artifact"))
        .body("error", containsString("empty"))
        .body("error", containsString("ONNX"));
    as(PUBLISHER).get("/api/v1/models/{m}/versions", model).then().body("total", equalTo(0));
  }

  @Test
  void bytesThatAreNotAnOnnxModelAreRefused() {
    String model = Api.createModel("notonnx");
    Api.upload(PUBLISHER, model, Api.randomBytes(5000, 3), Api.METADATA)
        .statusCode(400)
        .body("error", containsString("artifact"))
        .body("error", containsString("ModelProto"));
  }

  @Test
  void theExampleOnnxAndTorchScriptModelsAreAccepted() throws Exception {
    String model = Api.createModel("formats");
    Api.upload(PUBLISHER, model, ValidOnnx.example(), Api.METADATA).statusCode(201);
    byte[] pt =
        Files.readAllBytes(ExampleModels.torchScript(ExampleModels.BREAST_CANCER).orElseThrow());
    Api.upload(PUBLISHER, model, pt, TORCHSCRIPT).statusCode(201);
  }

  @Test
  void anOnnxFileDeclaredTorchScriptAndAZipWithoutTorchScriptEntriesAreRefused() throws Exception {
    String model = Api.createModel("notts");
    Api.upload(PUBLISHER, model, ValidOnnx.example(), TORCHSCRIPT)
        .statusCode(400)
        .body("error", containsString("artifact"))
        .body("error", containsString("TorchScript"));
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("model/readme.txt"));
      out.write("not a model".getBytes());
      out.closeEntry();
    }
    Api.upload(PUBLISHER, model, zip.toByteArray(), TORCHSCRIPT)
        .statusCode(400)
        .body("error", containsString("TorchScript"));
  }

  @Test
  void aTruncatedOnnxHeaderIsRefused() {
    String model = Api.createModel("truncated");
    // ir_version, then a graph field claiming more bytes than the file has
    byte[] bytes = {0x08, 0x08, 0x3a, (byte) 0xff, 0x7f, 1, 2, 3};
    Api.upload(PUBLISHER, model, bytes, Api.METADATA).statusCode(400);
  }
}

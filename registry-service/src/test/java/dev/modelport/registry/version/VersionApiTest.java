package dev.modelport.registry.version;

import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.READER;
import static dev.modelport.registry.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.registry.Api;
import dev.modelport.registry.cleanup.StorageCleanup;
import dev.modelport.registry.storage.BlobStore;
import dev.modelport.registry.storage.Sha256;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.VersionMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class VersionApiTest {
  @Inject BlobStore blobs;
  @Inject StorageCleanup cleanup;

  @Inject MeterRegistry meters;

  private double refusedUploads() {
    return meters.counter("modelport.registry.uploads", "outcome", "refused").count();
  }

  @Test
  void uploadedVersionCarriesItsMetadataAndComputedChecksum() {
    String model = Api.createModel("ver");
    byte[] artifact = Api.onnx(10_000, 11);

    Api.upload(PUBLISHER, model, artifact, Api.METADATA)
        .statusCode(201)
        .header("Location", containsString("/api/v1/models/" + model + "/versions/1"))
        .body("version", equalTo(1))
        .body("status", equalTo("READY"))
        .body("artifact.format", equalTo("onnx"))
        .body("artifact.size", equalTo(10_000))
        .body("artifact.sha256", equalTo(Api.sha256(artifact)))
        .body("artifact.fileName", equalTo("model.onnx"))
        .body("signature.inputs[0].features[1].type", equalTo("categorical"))
        .body("serving.maxBatchSize", equalTo(8))
        .body("metrics.accuracy", equalTo(0.93f))
        .body("lineage.runId", equalTo("run-7"))
        .body("createdBy", equalTo("test-publisher"));

    as(READER)
        .get("/api/v1/models/{m}/versions/1", model)
        .then()
        .statusCode(200)
        .body("artifact.sha256", equalTo(Api.sha256(artifact)));
    as(READER).get("/api/v1/models/{m}", model).then().body("latestVersion", equalTo(1));
  }

  @Test
  void versionsAreNumberedConsecutivelyAndListedInOrder() {
    String model = Api.createModel("seq");
    for (int i = 0; i < 3; i++) {
      Api.uploadVersion(model, Api.onnx(100, i));
    }
    List<Integer> numbers =
        as(READER)
            .queryParam("limit", 2)
            .get("/api/v1/models/{m}/versions", model)
            .then()
            .statusCode(200)
            .body("total", equalTo(3))
            .extract()
            .path("items.version");
    assertThat(numbers).containsExactly(1, 2);
  }

  @Test
  void downloadStreamsTheArtifactWithItsChecksumAsETag() {
    String model = Api.createModel("dl");
    byte[] artifact = Api.onnx(200_000, 12);
    Api.uploadVersion(model, artifact);

    Response response = as(READER).get("/api/v1/models/{m}/versions/1/artifact", model);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("ETag")).isEqualTo("\"" + Api.sha256(artifact) + "\"");
    assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(response.asByteArray()).isEqualTo(artifact);
  }

  @Test
  void rangeRequestsReturnPartialContent() {
    String model = Api.createModel("range");
    byte[] artifact = Api.onnx(1000, 13);
    Api.uploadVersion(model, artifact);

    Response middle =
        as(READER)
            .header("Range", "bytes=100-199")
            .get("/api/v1/models/{m}/versions/1/artifact", model);
    Response tail =
        as(READER)
            .header("Range", "bytes=-10")
            .get("/api/v1/models/{m}/versions/1/artifact", model);
    Response beyond =
        as(READER)
            .header("Range", "bytes=5000-")
            .get("/api/v1/models/{m}/versions/1/artifact", model);

    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.header("Content-Range")).isEqualTo("bytes 100-199/1000");
    assertThat(middle.asByteArray()).isEqualTo(Arrays.copyOfRange(artifact, 100, 200));
    assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(artifact, 990, 1000));
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.header("Content-Range")).isEqualTo("bytes */1000");
  }

  @Test
  void matchingIfNoneMatchGets304() {
    String model = Api.createModel("etag");
    byte[] artifact = Api.onnx(100, 14);
    Api.uploadVersion(model, artifact);
    as(READER)
        .header("If-None-Match", "\"" + Api.sha256(artifact) + "\"")
        .get("/api/v1/models/{m}/versions/1/artifact", model)
        .then()
        .statusCode(304);
  }

  @Test
  void wrongDeclaredChecksumIsRefusedAndLeavesNothingBehind() throws Exception {
    String model = Api.createModel("badsum");
    byte[] artifact = Api.onnx(5000, 15);
    String metadata =
        Api.METADATA.replace(
            "\"format\": \"onnx\",",
            "\"format\": \"onnx\", \"sha256\": \"" + "0".repeat(64) + "\",");

    Api.upload(PUBLISHER, model, artifact, metadata)
        .statusCode(400)
        .body("error", containsString("sha256"));

    as(READER).get("/api/v1/models/{m}/versions/1", model).then().statusCode(404);
    assertThat(blobs.size(new Sha256(Api.sha256(artifact)))).isEmpty();
    assertThat(blobs.pendingCount()).isZero();
  }

  @Test
  void correctDeclaredChecksumIsAccepted() {
    String model = Api.createModel("goodsum");
    byte[] artifact = Api.onnx(5000, 16);
    String metadata =
        Api.METADATA.replace(
            "\"format\": \"onnx\",",
            "\"format\": \"onnx\", \"sha256\": \"" + Api.sha256(artifact) + "\",");
    Api.upload(PUBLISHER, model, artifact, metadata).statusCode(201);
  }

  @Test
  void invalidMetadataIsRefusedNamingTheField() {
    String model = Api.createModel("badmeta");
    byte[] artifact = Api.onnx(100, 17);
    Api.upload(PUBLISHER, model, artifact, Api.METADATA.replace("\"onnx\"", "\"pickle\""))
        .statusCode(400)
        .body("error", containsString("metadata.format"));
    Api.upload(
            PUBLISHER,
            model,
            artifact,
            Api.METADATA.replace("\"FP32\", \"shape\": [-1, 2],", "\"FP99\", \"shape\": [-1, 2],"))
        .statusCode(400)
        .body("error", containsString("metadata.signature.inputs[0].datatype"));
    Api.upload(PUBLISHER, model, artifact, Api.METADATA.replace("[-1, 2],\n", "[-1, 3],\n"))
        .statusCode(400)
        .body("error", containsString("metadata.signature.inputs[0].features"));
    Api.upload(PUBLISHER, model, artifact, "{not json")
        .statusCode(400)
        .body("error", containsString("metadata"));
    as(READER).get("/api/v1/models/{m}/versions", model).then().body("total", equalTo(0));
  }

  @Test
  void uploadToAModelThatDoesNotExistYetCreatesTheModel() {
    String model = Api.uniqueName("newmodel");

    Api.upload(PUBLISHER, model, Api.onnx(10, 1), Api.METADATA)
        .statusCode(201)
        .body("model", equalTo(model))
        .body("version", equalTo(1));

    as(READER)
        .get("/api/v1/models/{m}", model)
        .then()
        .statusCode(200)
        .body("latestVersion", equalTo(1))
        .body("createdBy", equalTo("test-publisher"));
    as(READER)
        .get("/api/v1/audit?model={m}", model)
        .then()
        .statusCode(200)
        .body("action", org.hamcrest.Matchers.hasItems("model.create", "version.create"));
    Api.upload(PUBLISHER, model, Api.onnx(10, 2), Api.METADATA)
        .statusCode(201)
        .body("version", equalTo(2));
  }

  @Test
  void refusedUploadToAModelThatDoesNotExistLeavesNoModel() {
    String model = Api.uniqueName("refused");

    Api.upload(PUBLISHER, model, Api.onnx(10, 1), "{\"format\": \"keras\"}").statusCode(400);

    as(READER).get("/api/v1/models/{m}", model).then().statusCode(404);
  }

  @Test
  void concurrentFirstUploadsOfANewModelGetVersionsOneAndTwo() throws Exception {
    String model = Api.uniqueName("race");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> upload =
          () ->
              Api.upload(PUBLISHER, model, Api.onnx(10, 3), Api.METADATA)
                  .statusCode(201)
                  .extract()
                  .path("version");
      Future<Integer> first = pool.submit(upload);
      Future<Integer> second = pool.submit(upload);
      assertThat(Set.of(first.get(), second.get())).containsExactlyInAnyOrder(1, 2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void artifactOverTheSizeLimitIs413() {
    String model = Api.createModel("big");
    Api.upload(PUBLISHER, model, new byte[17 * 1024 * 1024], Api.METADATA).statusCode(413);
    as(READER).get("/api/v1/models/{m}/versions", model).then().body("total", equalTo(0));
  }

  @Test
  void identicalArtifactsShareOneBlob() throws Exception {
    String model = Api.createModel("dedup");
    byte[] artifact = Api.onnx(3000, 18);
    Api.uploadVersion(model, artifact);
    Api.uploadVersion(model, artifact);
    long copies = blobs.list().stream().filter(d -> d.hex().equals(Api.sha256(artifact))).count();
    assertThat(copies).isEqualTo(1);
  }

  @Test
  void twentyParallelUploadsGetTwentyConsecutiveVersionNumbers() throws Exception {
    String model = Api.createModel("parallel");
    RegistryClient client =
        RegistryClient.builder(Api.baseUri())
            .apiKey(PUBLISHER)
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    VersionMetadata metadata =
        dev.modelport.registryclient.RegistryJson.newMapper()
            .readValue(Api.METADATA, VersionMetadata.class);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<ModelVersion>> uploads = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        byte[] artifact = Api.onnx(2000, 100 + i);
        uploads.add(
            () ->
                client.uploadVersion(
                    model,
                    VersionUpload.of(
                        "m.onnx", () -> new ByteArrayInputStream(artifact), metadata)));
      }
      List<Long> numbers = new ArrayList<>();
      for (Future<ModelVersion> f : pool.invokeAll(uploads)) {
        numbers.add(f.get().version().value());
      }
      assertThat(numbers)
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
    Set<Integer> listed =
        as(READER)
            .queryParam("limit", 100)
            .get("/api/v1/models/{m}/versions", model)
            .then()
            .extract()
            .<List<Integer>>path("items.version")
            .stream()
            .collect(Collectors.toSet());
    assertThat(listed).hasSize(20);
  }

  @Test
  void uploadCutOffHalfWayLeavesNoVersionAndNoBlob() throws Exception {
    String model = Api.createModel("cutoff");
    byte[] artifact = Api.onnx(1_000_000, System.nanoTime());
    String boundary = "cutoffboundary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n"
                + Api.METADATA
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"artifact\"; filename=\"m.onnx\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    int blobsBefore = blobs.list().size();
    double refusedBefore = refusedUploads();

    try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/models/"
                  + model
                  + "/versions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + PUBLISHER
                  + "\r\nContent-Type: multipart/form-data; boundary="
                  + boundary
                  + "\r\nContent-Length: "
                  + (head.length + artifact.length + tail.length)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(head);
      out.write(artifact, 0, artifact.length / 2);
      out.flush();
    }
    // The upload streams into the service, so the cut-off reaches it: it refuses the upload (the
    // counter counts only uploads the service saw) after cleaning up.
    await("the cut-off upload refused")
        .atMost(Duration.ofSeconds(30))
        .until(() -> refusedUploads() > refusedBefore);

    as(READER).get("/api/v1/models/{m}/versions", model).then().body("total", equalTo(0));
    assertThat(blobs.list()).hasSize(blobsBefore);
    assertThat(blobs.size(new Sha256(Api.sha256(artifact)))).isEmpty();
    assertThat(blobs.pendingCount()).isZero();
    // the same request sent whole does create a version: the checks above can fail
    Api.upload(PUBLISHER, model, artifact, Api.METADATA).statusCode(201);
    assertThat(blobs.list()).hasSize(blobsBefore + 1);
  }

  @Test
  void partsMayComeInAnyOrderAndALateDeclaredChecksumIsStillVerified() throws Exception {
    String model = Api.createModel("order");
    byte[] artifact = Api.onnx(4000, 20);
    as(PUBLISHER)
        .multiPart("artifact", "model.onnx", artifact, "application/octet-stream")
        .multiPart("metadata", Api.METADATA, "application/json")
        .post("/api/v1/models/{m}/versions", model)
        .then()
        .statusCode(201)
        .body("artifact.sha256", equalTo(Api.sha256(artifact)));

    byte[] other = Api.onnx(4000, 21);
    String wrongSum =
        Api.METADATA.replace(
            "\"format\": \"onnx\",",
            "\"format\": \"onnx\", \"sha256\": \"" + "0".repeat(64) + "\",");
    as(PUBLISHER)
        .multiPart("artifact", "model.onnx", other, "application/octet-stream")
        .multiPart("metadata", wrongSum, "application/json")
        .post("/api/v1/models/{m}/versions", model)
        .then()
        .statusCode(400)
        .body("error", containsString("sha256"));
    cleanup.sweep(Duration.ZERO);
    assertThat(blobs.size(new Sha256(Api.sha256(other)))).isEmpty();
    assertThat(blobs.pendingCount()).isZero();
    as(READER).get("/api/v1/models/{m}/versions", model).then().body("total", equalTo(1));
  }

  @Test
  void signatureGivenTwiceOrNotAtAllIsRefusedNamingTheField() {
    String model = Api.createModel("twice");
    byte[] artifact = Api.onnx(100, 22);
    String yaml =
        "inputs:\n  - {name: input, datatype: FP32, shape: [-1, 2], features: [a, b]}\n"
            + "outputs:\n  - {name: probabilities, datatype: FP32, shape: [-1, 2]}\n";
    as(PUBLISHER)
        .multiPart("metadata", Api.METADATA, "application/json")
        .multiPart(
            "model.yaml", "model.yaml", yaml.getBytes(StandardCharsets.UTF_8), "application/yaml")
        .multiPart("artifact", "model.onnx", artifact, "application/octet-stream")
        .post("/api/v1/models/{m}/versions", model)
        .then()
        .statusCode(400)
        .body("error", containsString("model.yaml"))
        .body("error", containsString("not both"));
    Api.upload(PUBLISHER, model, artifact, "{\"format\": \"onnx\"}")
        .statusCode(400)
        .body("error", containsString("metadata.signature"));
    as(PUBLISHER)
        .multiPart("metadata", "{\"format\": \"onnx\"}", "application/json")
        .multiPart(
            "model.yaml",
            "model.yaml",
            yaml.replace("FP32, shape: [-1, 2], features", "FP99, shape: [-1, 2], features")
                .getBytes(StandardCharsets.UTF_8),
            "application/yaml")
        .multiPart("artifact", "model.onnx", artifact, "application/octet-stream")
        .post("/api/v1/models/{m}/versions", model)
        .then()
        .statusCode(400)
        .body("error", containsString("model.yaml.inputs[0].datatype"));
    as(READER).get("/api/v1/models/{m}/versions", model).then().body("total", equalTo(0));
  }

  @Test
  void aDatatypeTheProtocolLacksIsRefusedWithTheProtocolsList() {
    String model = Api.createModel("bf16");
    Api.upload(
            PUBLISHER,
            model,
            Api.onnx(100, 23),
            Api.METADATA.replace("\"FP32\", \"shape\": [-1, 2],", "\"BF16\", \"shape\": [-1, 2],"))
        .statusCode(400)
        .body("error", containsString("metadata.signature.inputs[0].datatype"))
        .body("error", containsString("unknown datatype 'BF16'"))
        .body("error", containsString("FP16"));
  }

  @Test
  void anUnknownPartIsRefusedNamingIt() throws Exception {
    String model = Api.createModel("unknownpart");
    byte[] artifact = Api.onnx(100, 24);
    as(PUBLISHER)
        .multiPart("metadata", Api.METADATA, "application/json")
        .multiPart("artifact", "model.onnx", artifact, "application/octet-stream")
        .multiPart(
            "training_data", "train.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv")
        .post("/api/v1/models/{m}/versions", model)
        .then()
        .statusCode(400)
        .body("error", containsString("training_data"))
        .body("error", containsString("unknown part"));
    // stored before the unknown part came; the clean-up alone removes blobs, past its grace
    cleanup.sweep(Duration.ZERO);
    assertThat(blobs.size(new Sha256(Api.sha256(artifact)))).isEmpty();
    as(READER).get("/api/v1/models/{m}/versions", model).then().body("total", equalTo(0));
  }

  @Test
  void unknownVersionIs404AndNonNumericVersionIs400() {
    String model = Api.createModel("nover");
    as(READER).get("/api/v1/models/{m}/versions/7", model).then().statusCode(404);
    as(READER)
        .get("/api/v1/models/{m}/versions/seven", model)
        .then()
        .statusCode(400)
        .body("error", containsString("version"));
    as(READER).get("/api/v1/models/{m}/versions/0", model).then().statusCode(400);
    as(READER).get("/api/v1/models/{m}/versions/99999999999", model).then().statusCode(404);
  }
}

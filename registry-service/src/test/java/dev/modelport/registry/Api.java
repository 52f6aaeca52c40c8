package dev.modelport.registry;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/** Shorthands of the API tests: API keys, unique names, model creation and uploads. */
public final class Api {
  public static final String READER = "test-reader-key";
  public static final String PUBLISHER = "test-publisher-key";
  public static final String ADMIN = "test-admin-key";

  /** Metadata of a tabular ONNX model with two numeric features {@code a} and {@code b}. */
  public static final String METADATA =
      """
      {"format": "onnx",
       "signature": {
         "inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, 2],
                     "features": [{"name": "a", "type": "numeric"}, {"name": "b", "type": "categorical"}]}],
         "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]}]},
       "serving": {"maxBatchSize": 8, "maxQueueDelayMicros": 500},
       "metrics": {"accuracy": 0.93},
       "params": {"lr": "0.01"},
       "lineage": {"runId": "run-7", "datasetDigest": "sha256:abc", "codeRevision": "deadbeef"},
       "tags": {"team": "fraud"}}
      """;

  private Api() {}

  public static RequestSpecification as(String key) {
    return given().header("Authorization", "Bearer " + key);
  }

  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static URI baseUri() {
    return URI.create("http://localhost:" + RestAssured.port);
  }

  public static String createModel(String prefix) {
    String name = uniqueName(prefix);
    as(PUBLISHER)
        .contentType("application/json")
        .body("{\"name\": \"" + name + "\", \"description\": \"d\"}")
        .post("/api/v1/models")
        .then()
        .statusCode(201);
    return name;
  }

  public static ValidatableResponse upload(
      String key, String model, byte[] artifact, String metadata) {
    return as(key)
        .multiPart("metadata", metadata, "application/json")
        .multiPart("artifact", "model.onnx", artifact, "application/octet-stream")
        .post("/api/v1/models/{m}/versions", model)
        .then();
  }

  /** Uploads {@link #METADATA} with {@code artifact} and returns the new version number. */
  public static int uploadVersion(String model, byte[] artifact) {
    return upload(PUBLISHER, model, artifact, METADATA).statusCode(201).extract().path("version");
  }

  /**
   * An artifact that passes the ONNX format check: an {@code ir_version} and {@code size} random
   * bytes as the model's doc string (see {@link dev.modelport.registry.crash.ValidOnnx}).
   */
  public static byte[] onnx(int size, long seed) {
    return dev.modelport.registry.crash.ValidOnnx.padded(size, seed);
  }

  public static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

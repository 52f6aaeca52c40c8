package dev.modelport.deploy.support;

import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The requests the deployment tests send to running services (processes or containers): V2
 * inferences of {@code breast-cancer-mlp}, a registry upload with its training data, an alias move,
 * and Prometheus scrapes.
 */
public final class Traffic {

  public static final String MODEL = ExampleModels.BREAST_CANCER;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Traffic() {}

  /** A response: status and body. */
  public record Response(int status, String body) {}

  public static Response get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  public static Response postJson(URI uri, String json) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public static Response putJson(URI uri, String json) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The V2 request body of rows {@code [from, to)} of the model's test.csv. */
  public static String inferenceRequest(int from, int to) {
    CsvTable test = ExampleModels.csv(MODEL, "test.csv");
    int features = test.header().size() - 1;
    float[] all = test.floats(0, features);
    float[] rows = Arrays.copyOfRange(all, from * features, to * features);
    String data = IntStreamJoin.join(rows);
    return "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":["
        + (to - from)
        + ","
        + features
        + "],\"data\":["
        + data
        + "]}]}";
  }

  /** Creates {@link #MODEL} in a registry and uploads its ONNX file with train.csv: version 1. */
  public static Response registerModel(URI registry) {
    Response created = postJson(registry.resolve("/api/v1/models"), "{\"name\":\"" + MODEL + "\"}");
    if (created.status() != 201) {
      return created;
    }
    String features =
        ExampleModels.signature(MODEL).inputs().get(0).featureNames().stream()
            .map(f -> "{\"name\":\"" + f + "\",\"type\":\"numeric\"}")
            .collect(Collectors.joining(","));
    String metadata =
        "{\"format\":\"onnx\",\"signature\":{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\","
            + "\"shape\":[-1,30],\"features\":["
            + features
            + "]}],\"outputs\":[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,2]}]}}";
    Multipart body =
        new Multipart()
            .field("metadata", "application/json", metadata.getBytes(StandardCharsets.UTF_8))
            .file("artifact", "model.onnx", read(ExampleModels.onnx(MODEL)))
            .file("training-data", "train.csv", read(ExampleModels.file(MODEL, "train.csv")));
    return send(
        HttpRequest.newBuilder(registry.resolve("/api/v1/models/" + MODEL + "/versions"))
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
  }

  /** The sample names (left of labels) of a Prometheus exposition. */
  public static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.length();
      for (char stop : new char[] {'{', ' '}) {
        int i = line.indexOf(stop);
        if (i >= 0) {
          end = Math.min(end, i);
        }
      }
      names.add(line.substring(0, end));
    }
    return names;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Joins floats as JSON numbers. */
  private static final class IntStreamJoin {
    static String join(float[] values) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(values[i]);
      }
      return b.toString();
    }
  }

  /** A multipart/form-data body. */
  private static final class Multipart {
    private final String boundary = "mp-" + UUID.randomUUID();
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    Multipart field(String name, String type, byte[] value) {
      part("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: " + type, value);
      return this;
    }

    Multipart file(String name, String fileName, byte[] value) {
      part(
          "Content-Disposition: form-data; name=\""
              + name
              + "\"; filename=\""
              + fileName
              + "\"\r\nContent-Type: application/octet-stream",
          value);
      return this;
    }

    private void part(String headers, byte[] value) {
      out.writeBytes(
          ("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(value);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      all.writeBytes(out.toByteArray());
      all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return all.toByteArray();
    }
  }
}

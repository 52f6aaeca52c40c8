package dev.modelport.registry.api;

import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.modelport.registry.Api;
import dev.modelport.registry.crash.ValidOnnx;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Broken upload bodies are the client's mistake: 400 naming the body, never 500 or ERROR logs. */
@QuarkusTest
class UploadBodyFailureTest {
  @Inject MeterRegistry meters;

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLogs() {
    capture.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void releaseLogs() {
    Logger.getLogger("").removeHandler(capture);
  }

  @Test
  void aGarbledMultipartBodyIs400NamingTheBody() {
    String model = Api.createModel("garbled");
    as(PUBLISHER)
        .contentType("multipart/form-data; boundary=XYZ")
        .body("garbage--XYZ--garbage".getBytes(StandardCharsets.US_ASCII))
        .post("/api/v1/models/{m}/versions", model)
        .then()
        .statusCode(400)
        .body("error", containsString("body"))
        .body("error", not(containsString("IOException")));
  }

  @Test
  void aClientThatDisconnectsMidUploadIsLoggedAsAWarningNotAnError() throws Exception {
    String model = Api.createModel("gone");
    String boundary = "goneboundary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + Api.METADATA
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"artifact\"; filename=\"m.onnx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] artifact = ValidOnnx.example();
    double refusedBefore = refused();
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
                  + (head.length + artifact.length + 2_000_000)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(head);
      out.write(artifact);
      out.write(new byte[1_000_000]);
      out.flush();
    }
    await("the upload refused")
        .atMost(Duration.ofSeconds(30))
        .until(() -> refused() > refusedBefore);
    await("the disconnect logged")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                records.stream()
                    .anyMatch(
                        r ->
                            r.getLevel().intValue() <= Level.WARNING.intValue()
                                && r.getLevel().intValue() >= Level.INFO.intValue()
                                && String.valueOf(r.getMessage()).contains("disconnect")));
    assertThat(records)
        .noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
        .as("ERROR records");
  }

  private double refused() {
    var counter = meters.find("modelport.registry.uploads").tag("outcome", "refused").counter();
    return counter == null ? 0 : counter.count();
  }
}

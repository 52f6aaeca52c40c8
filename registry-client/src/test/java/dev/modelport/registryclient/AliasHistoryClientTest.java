package dev.modelport.registryclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.api.AliasChange;
import dev.modelport.registryclient.api.Page;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AliasHistoryClientTest {
  private HttpServer server;
  private RegistryClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.start();
    client =
        RegistryClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aliasHistoryAsksForTheAliasPageAndReadsItsChanges() {
    AtomicReference<String> asked = new AtomicReference<>();
    server.createContext(
        "/api/v1/models/iris/aliases/champion/history",
        exchange -> {
          asked.set(exchange.getRequestURI().toString());
          byte[] body =
              ("{\"items\":[{\"auditId\":9,\"model\":\"iris\",\"alias\":\"champion\","
                      + "\"action\":\"alias.set\",\"version\":3,\"previousVersion\":2,"
                      + "\"actor\":\"ci\",\"at\":\"2026-12-01T10:00:00Z\"},"
                      + "{\"auditId\":4,\"model\":\"iris\",\"alias\":\"champion\","
                      + "\"action\":\"alias.set\",\"version\":2,\"previousVersion\":null,"
                      + "\"actor\":\"ci\",\"at\":\"2026-11-30T10:00:00Z\"}],"
                      + "\"offset\":0,\"limit\":2,\"total\":5}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });

    Page<AliasChange> page = client.aliasHistory("iris", "champion", 0, 2);

    assertThat(asked.get())
        .isEqualTo("/api/v1/models/iris/aliases/champion/history?offset=0&limit=2");
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.items())
        .containsExactly(
            new AliasChange(
                9,
                "iris",
                "champion",
                "alias.set",
                VersionNumber.of(3),
                VersionNumber.of(2),
                "ci",
                Instant.parse("2026-12-01T10:00:00Z")),
            new AliasChange(
                4,
                "iris",
                "champion",
                "alias.set",
                VersionNumber.of(2),
                null,
                "ci",
                Instant.parse("2026-11-30T10:00:00Z")));
  }
}

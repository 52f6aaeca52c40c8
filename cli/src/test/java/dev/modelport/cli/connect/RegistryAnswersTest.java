package dev.modelport.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.modelport.cli.CommandRun;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the registry's error answers are printed (a fake registry on a JDK HttpServer answering one
 * fixed status): one line naming the registry and what to do, exit code 1.
 */
class RegistryAnswersTest {
  @TempDir Path dir;

  private HttpServer server;
  private int status;
  private String body;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private CommandRun modelsList(String... extra) {
    String[] args = {"models", "list", "--registry", url(), "--data-dir", dir.toString()};
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return CommandRun.of(all);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void aMissingKeySaysHowToPassOne() {
    status = 401;
    body = "{\"error\": \"an API key is required\"}";

    CommandRun run = modelsList();

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly(
            "modelport: the registry at "
                + url()
                + " wants an API key (an API key is required): pass --api-key KEY or set"
                + " MODELPORT_API_KEY");
  }

  @Test
  void aKeyWithoutTheRoleSaysWhichRoleIsNeeded() {
    status = 403;
    body = "{\"error\": \"role reader may not do this\"}";

    CommandRun run = modelsList("--api-key", "reader-key");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("publisher or admin key");
  }

  @Test
  void aServerErrorIsOneLineEvenWhenTheBodyIsNotJson() {
    status = 500;
    body = "<html>\n<body>boom</body>\n</html>";

    CommandRun run = modelsList();

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("modelport: the registry at " + url() + " failed (500): ");
  }
}

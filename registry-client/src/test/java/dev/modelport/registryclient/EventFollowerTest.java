package dev.modelport.registryclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The change-feed follower's failure warning, as a log handler formats it. */
class EventFollowerTest {

  private HttpServer server;
  private final Logger logger = Logger.getLogger(EventFollower.class.getName());
  private final CopyOnWriteArrayList<LogRecord> records = new CopyOnWriteArrayList<>();
  private final CountDownLatch warned = new CountDownLatch(1);
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
          warned.countDown();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/events",
        exchange -> {
          byte[] body = "{\"error\":\"boom\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(500, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    logger.addHandler(handler);
  }

  @AfterEach
  void stop() {
    logger.removeHandler(handler);
    server.stop(0);
  }

  @Test
  void theFailureWarningShowsTheAttemptAndTheErrorInsteadOfItsPlaceholders() throws Exception {
    RegistryClient client =
        RegistryClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .retry(new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(100)))
            .build();

    try (EventSubscription ignored = client.followEvents(0, Duration.ZERO, event -> {})) {
      assertThat(warned.await(10, TimeUnit.SECONDS)).as("a warning was logged").isTrue();
    }

    String text = new SimpleFormatter().formatMessage(records.get(0));
    assertThat(text)
        .isEqualTo(
            "following the registry's change feed failed (attempt 1), retrying: "
                + "dev.modelport.registryclient.RegistryApiException: registry answered 500: boom");
  }
}

package dev.modelport.serving.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged server against clients that hold connections: a client that announces a body and
 * never sends it is disconnected after the idle timeout (here 2 s instead of the default 60 s), and
 * connections beyond the cap (here 4) are refused while the server keeps answering the others.
 */
class SlowClientsIT {

  private static final int CAP = 4;
  private static PackagedService serving;
  private static int port;

  @BeforeAll
  static void start() {
    assumeTrue(
        PackagedService.isPackaged("serving-service"),
        "serving-service is not packaged: run ./mvnw -pl serving-service -am verify");
    int[] ports = FreePorts.next(2);
    port = ports[0];
    serving =
        PackagedService.of("serving-service")
            .httpPort(port)
            .property("quarkus.grpc.server.port", ports[1])
            .property("quarkus.grpc.server.host", "127.0.0.1")
            .property("modelport.serving.repository", ExampleModels.root())
            .property("modelport.serving.models", "diabetes-regressor")
            .property("modelport.serving.limits.idle-timeout", "2s")
            .property("modelport.serving.limits.max-connections", CAP)
            .log(Path.of("target", "slow-clients-it.log").toAbsolutePath())
            .startTimeout(Duration.ofMinutes(3))
            .start();
  }

  @AfterAll
  static void stop() {
    if (serving != null) {
      serving.close();
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(30_000);
    return socket;
  }

  /** Reads until the server closes the connection; true if it did within the socket timeout. */
  private static boolean closedByServer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      while (in.read() >= 0) {
        // a response (408 or similar) may come before the close
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  /** Sends a keep-alive health request; true if it is answered 200 on this connection. */
  private static boolean answersLive(Socket s) throws IOException {
    try {
      s.getOutputStream()
          .write(
              "GET /v2/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] head = s.getInputStream().readNBytes(12);
      return new String(head, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
    } catch (SocketException e) {
      return false; // reset: refused
    }
  }

  @Test
  void aClientThatAnnouncesABodyAndNeverSendsItIsDisconnected() throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v2/models/diabetes-regressor/infer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"inp")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      assertThat(closedByServer(socket)).as("the server closed the stalled connection").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void connectionsBeyondTheCapAreRefusedAndTheOthersAreServed() throws Exception {
    // Other clients (the start-up readiness probe's pooled connection) may hold some of the cap
    // for a while, so: open one more connection than the cap allows and count those served.
    List<Socket> held = new ArrayList<>();
    int served = 0;
    int refused = 0;
    try {
      for (int i = 0; i <= CAP; i++) {
        Socket s = connect();
        held.add(s);
        if (answersLive(s)) {
          served++;
        } else {
          refused++;
        }
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    assertThat(served).as("connections served while held").isBetween(1, CAP);
    assertThat(refused).as("connections refused beyond the cap").isPositive();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int status = 0;
    while (status != 200 && System.nanoTime() < deadline) {
      try {
        status =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v2/health/live"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
      } catch (IOException e) {
        status = 0; // the server may not have seen the held connections close yet
      }
    }
    assertThat(status).isEqualTo(200);
  }
}

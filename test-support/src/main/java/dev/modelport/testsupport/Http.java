package dev.modelport.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waiting on HTTP endpoints of services a test started: polls the state, never sleeps blindly. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Http() {}

  /** The status of a GET of {@code uri}, or -1 when nothing answers. */
  public static int status(URI uri) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
      return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Waits until a GET of {@code uri} answers {@code status}, polling every 100 ms. */
  public static void awaitStatus(URI uri, int status, Duration timeout) {
    await("GET " + uri + " answers " + status)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status(uri) == status);
  }
}

package dev.modelport.registryclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One streaming artifact download: copies the body into an output stream through a SHA-256 digest
 * with a 64 KiB buffer. After a broken connection it asks for the rest with {@code Range: bytes=N-}
 * and {@code If-Range: <etag>}, so nothing is written twice. Single use, not thread-safe.
 */
final class ArtifactDownload {
  private static final int BUFFER = 64 * 1024;

  private final HttpClient http;
  private final RetryPolicy retry;
  private final Supplier<HttpRequest.Builder> request;
  private final BiFunction<Integer, byte[], RegistryApiException> failure;
  private final MessageDigest digest;
  private long written;
  private String etag;

  ArtifactDownload(
      HttpClient http,
      RetryPolicy retry,
      Supplier<HttpRequest.Builder> request,
      BiFunction<Integer, byte[], RegistryApiException> failure) {
    this.http = http;
    this.retry = retry;
    this.request = request;
    this.failure = failure;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies the whole artifact into {@code out} and returns its verified SHA-256 (hex). */
  String copyTo(OutputStream out) {
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<InputStream> response = http.send(nextRequest(), BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
          int status = response.statusCode();
          if (status == 200 || status == 206) {
            acceptStart(response);
            copy(body, out);
            return verified();
          }
          RegistryApiException error = failure.apply(status, body.readAllBytes());
          if (attempt >= retry.maxAttempts() || !RetryPolicy.retryableStatus(status)) {
            throw error;
          }
        }
      } catch (NetworkException e) {
        if (attempt >= retry.maxAttempts()) {
          throw new RegistryUnavailableException(
              "artifact download failed after " + written + " bytes: " + e.getCause(),
              e.getCause());
        }
      } catch (IOException e) {
        if (attempt >= retry.maxAttempts()) {
          throw new RegistryUnavailableException("artifact download failed: " + e, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryClientException("interrupted", e);
      }
      RegistryClient.sleep(retry.backoff(attempt));
    }
  }

  private HttpRequest nextRequest() {
    HttpRequest.Builder builder = request.get().GET();
    if (written > 0) {
      builder.header("Range", "bytes=" + written + "-").header("If-Range", "\"" + etag + "\"");
    }
    return builder.build();
  }

  private void acceptStart(HttpResponse<?> response) {
    String tag = response.headers().firstValue("ETag").map(t -> t.replace("\"", "")).orElse(null);
    if (tag == null) {
      throw new RegistryClientException("artifact download has no ETag to verify against");
    }
    if (written > 0 && (response.statusCode() != 206 || !tag.equals(etag))) {
      throw new RegistryClientException(
          "registry could not resume the download at byte " + written);
    }
    etag = tag;
  }

  private void copy(InputStream body, OutputStream out) {
    byte[] buffer = new byte[BUFFER];
    while (true) {
      int n;
      try {
        n = body.read(buffer);
      } catch (IOException e) {
        throw new NetworkException(e);
      }
      if (n < 0) {
        return;
      }
      digest.update(buffer, 0, n);
      try {
        out.write(buffer, 0, n);
      } catch (IOException e) {
        throw new RegistryClientException("cannot write the artifact: " + e.getMessage(), e);
      }
      written += n;
    }
  }

  private String verified() {
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(etag)) {
      throw new ChecksumMismatchException(etag, actual);
    }
    return actual;
  }

  /** A read from the network failed: worth resuming, unlike a failed write. */
  private static final class NetworkException extends RuntimeException {
    NetworkException(IOException cause) {
      super(cause);
    }
  }
}

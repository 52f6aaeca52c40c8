package dev.modelport.registryclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.api.Alias;
import dev.modelport.registryclient.api.AliasChange;
import dev.modelport.registryclient.api.AliasTarget;
import dev.modelport.registryclient.api.Artifact;
import dev.modelport.registryclient.api.AuditEntry;
import dev.modelport.registryclient.api.ChangeEvent;
import dev.modelport.registryclient.api.ErrorBody;
import dev.modelport.registryclient.api.EventBatch;
import dev.modelport.registryclient.api.ModelUpdate;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.Page;
import dev.modelport.registryclient.api.RegisteredModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Typed client of the registry REST API ({@code /api/v1}).
 *
 * <p>Thread-safe: share one instance per registry. Every call has the configured request timeout (a
 * long poll adds its wait to it). Idempotent calls (GET, PUT, DELETE) are retried with exponential
 * backoff on connection failures and on 429/502/503/504; uploads, creations and updates are sent
 * once. Artifact downloads stream with constant memory, resume with {@code Range} after a broken
 * connection and verify the SHA-256 against the {@code ETag}.
 */
public final class RegistryClient implements AutoCloseable {
  private static final String API = "api/v1/";
  private static final TypeReference<Page<RegisteredModel>> MODEL_PAGE = new TypeReference<>() {};
  private static final TypeReference<Page<AliasChange>> ALIAS_HISTORY = new TypeReference<>() {};
  private static final TypeReference<Page<ModelVersion>> VERSION_PAGE = new TypeReference<>() {};
  private static final TypeReference<List<Alias>> ALIASES = new TypeReference<>() {};
  private static final TypeReference<List<AuditEntry>> AUDIT = new TypeReference<>() {};

  private final HttpClient http;
  private final URI base;
  private final String apiKey;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final ObjectMapper json = RegistryJson.newMapper();

  private RegistryClient(Builder b) {
    String uri = b.baseUri.toString();
    this.base = URI.create(uri.endsWith("/") ? uri : uri + "/");
    this.apiKey = b.apiKey;
    this.requestTimeout = b.requestTimeout;
    this.retry = b.retry;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** A builder for a registry at {@code baseUri} (for example {@code http://localhost:8090}). */
  public static Builder builder(URI baseUri) {
    return new Builder(baseUri);
  }

  // ---- models

  public RegisteredModel createModel(NewModel model) {
    return send(
        "POST", "models", jsonBody(model), false, requestTimeout, type(RegisteredModel.class));
  }

  /**
   * One page of models whose name starts with {@code namePrefix} and that carry {@code tag} (either
   * may be null).
   */
  public Page<RegisteredModel> listModels(String namePrefix, String tag, int offset, int limit) {
    String query =
        "?offset="
            + offset
            + "&limit="
            + limit
            + (namePrefix == null ? "" : "&prefix=" + encode(namePrefix))
            + (tag == null ? "" : "&tag=" + encode(tag));
    return get("models" + query, json.getTypeFactory().constructType(MODEL_PAGE));
  }

  public RegisteredModel getModel(String name) {
    return get("models/" + encode(name), type(RegisteredModel.class));
  }

  public Optional<RegisteredModel> findModel(String name) {
    return notFoundAsEmpty(() -> getModel(name));
  }

  public RegisteredModel updateModel(String name, ModelUpdate update) {
    return send(
        "PATCH",
        "models/" + encode(name),
        jsonBody(update),
        false,
        requestTimeout,
        type(RegisteredModel.class));
  }

  /** Deletes a model and its versions; refused (409) while an alias points into it. */
  public void deleteModel(String name) {
    send("DELETE", "models/" + encode(name), null, true, requestTimeout, null);
  }

  // ---- versions

  /** Uploads a new version; the registry assigns its number. Sent once, never retried. */
  public ModelVersion uploadVersion(String model, VersionUpload upload) {
    MultipartBody body = upload.body(toJson(upload.metadata()));
    HttpRequest request =
        request("models/" + encode(model) + "/versions", Duration.ofDays(1))
            .header("Content-Type", body.contentType())
            .POST(body.publisher())
            .build();
    return execute(request, false, type(ModelVersion.class));
  }

  public Page<ModelVersion> listVersions(String model, int offset, int limit) {
    return get(
        "models/" + encode(model) + "/versions?offset=" + offset + "&limit=" + limit,
        json.getTypeFactory().constructType(VERSION_PAGE));
  }

  public ModelVersion getVersion(String model, VersionNumber version) {
    return get(versionPath(model, version), type(ModelVersion.class));
  }

  /**
   * Downloads a version's artifact to {@code target}: written to a {@code .part} sibling first and
   * moved into place only once its SHA-256 matches.
   */
  public Artifact downloadArtifact(String model, VersionNumber version, Path target) {
    ModelVersion v = getVersion(model, version);
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      try (OutputStream out = Files.newOutputStream(part)) {
        String sha = downloadArtifact(model, version, out);
        if (!sha.equals(v.artifact().sha256())) {
          throw new ChecksumMismatchException(v.artifact().sha256(), sha);
        }
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return v.artifact();
    } catch (IOException e) {
      throw new RegistryClientException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(part);
    }
  }

  /**
   * Streams a version's artifact into {@code out} (not closed) and returns its verified SHA-256.
   *
   * @throws ChecksumMismatchException when the bytes do not hash to the announced ETag
   */
  public String downloadArtifact(String model, VersionNumber version, OutputStream out) {
    return new ArtifactDownload(
            http,
            retry,
            () -> request(versionPath(model, version) + "/artifact", requestTimeout),
            this::failure)
        .copyTo(out);
  }

  // ---- aliases

  /** Points {@code alias} at {@code version}, creating or moving it. */
  public Alias setAlias(String model, String alias, VersionNumber version) {
    return send(
        "PUT",
        aliasPath(model, alias),
        jsonBody(new AliasTarget(version)),
        true,
        requestTimeout,
        type(Alias.class));
  }

  public Alias resolveAlias(String model, String alias) {
    return get(aliasPath(model, alias), type(Alias.class));
  }

  public Optional<Alias> findAlias(String model, String alias) {
    return notFoundAsEmpty(() -> resolveAlias(model, alias));
  }

  public List<Alias> listAliases(String model) {
    return get(
        "models/" + encode(model) + "/aliases", json.getTypeFactory().constructType(ALIASES));
  }

  /**
   * Which version held {@code alias} when: its changes (set, moved, deleted) from the audit log,
   * newest first, one page.
   */
  public Page<AliasChange> aliasHistory(String model, String alias, int offset, int limit) {
    return get(
        "models/"
            + encode(model)
            + "/aliases/"
            + encode(alias)
            + "/history?offset="
            + offset
            + "&limit="
            + limit,
        json.getTypeFactory().constructType(ALIAS_HISTORY));
  }

  public void deleteAlias(String model, String alias) {
    send("DELETE", aliasPath(model, alias), null, true, requestTimeout, null);
  }

  // ---- baselines and audit

  /** The version's baseline profile as feature-stats JSON, if it has one. */
  public Optional<String> baselineJson(String model, VersionNumber version) {
    return notFoundAsEmpty(
        () -> get(versionPath(model, version) + "/baseline", type(String.class)));
  }

  /** Audit entries with id greater than {@code afterId}, optionally of one model, oldest first. */
  public List<AuditEntry> audit(String model, long afterId, int limit) {
    String query =
        "?after=" + afterId + "&limit=" + limit + (model == null ? "" : "&model=" + encode(model));
    return get("audit" + query, json.getTypeFactory().constructType(AUDIT));
  }

  // ---- change feed

  /** Sequence number of the newest event: follow from it to see only what happens from now on. */
  public long lastEventSeq() {
    EventBatch head = get("events/last", type(EventBatch.class));
    return head.last();
  }

  /** One long poll: events after {@code after}, waiting up to {@code wait} for the first one. */
  public EventBatch pollEvents(long after, Duration wait) {
    String path = "events?after=" + after + "&wait=" + wait.toMillis() + "ms";
    return send("GET", path, null, true, requestTimeout.plus(wait), type(EventBatch.class));
  }

  /**
   * Follows the change feed from {@code after} on a new daemon thread, calling {@code listener} for
   * each event in order. Failures (registry down, listener exceptions) are retried with backoff; an
   * event whose listener call throws is delivered again.
   */
  public EventSubscription followEvents(long after, Duration wait, Consumer<ChangeEvent> listener) {
    return EventFollower.start(this, after, wait, retry, listener);
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close() before Java 21; its threads end when it is collected.
  }

  // ---- plumbing

  private <T> T get(String path, JavaType type) {
    return send("GET", path, null, true, requestTimeout, type);
  }

  private <T> T send(
      String method,
      String path,
      BodyPublisher body,
      boolean idempotent,
      Duration timeout,
      JavaType type) {
    HttpRequest.Builder builder = request(path, timeout);
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    return execute(
        builder.method(method, body == null ? BodyPublishers.noBody() : body).build(),
        idempotent,
        type);
  }

  private <T> T execute(HttpRequest request, boolean idempotent, JavaType type) {
    int attempts = idempotent ? retry.maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray());
        if (response.statusCode() < 400) {
          return decode(response, type);
        }
        if (attempt >= attempts || !RetryPolicy.retryableStatus(response.statusCode())) {
          throw failure(response.statusCode(), response.body());
        }
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new RegistryUnavailableException(
              request.method() + " " + request.uri() + " failed: " + e, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryClientException("interrupted", e);
      }
      sleep(retry.backoff(attempt));
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T decode(HttpResponse<byte[]> response, JavaType type) throws IOException {
    if (type == null || response.statusCode() == 204) {
      return null;
    }
    if (type.getRawClass() == String.class) {
      return (T) new String(response.body(), StandardCharsets.UTF_8);
    }
    return json.readValue(response.body(), type);
  }

  RegistryApiException failure(int status, byte[] body) {
    String message;
    try {
      ErrorBody error = json.readValue(body, ErrorBody.class);
      message = error.error() != null ? error.error() : new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      message = new String(body, StandardCharsets.UTF_8);
    }
    return new RegistryApiException(status, message.isBlank() ? "HTTP " + status : message);
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(API + path))
            .timeout(timeout)
            .header("Accept", "application/json, application/octet-stream");
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder;
  }

  private JavaType type(Class<?> cls) {
    return json.getTypeFactory().constructType(cls);
  }

  private BodyPublisher jsonBody(Object value) {
    return BodyPublishers.ofString(toJson(value));
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new RegistryClientException("cannot serialise " + value, e);
    }
  }

  private static <T> Optional<T> notFoundAsEmpty(java.util.function.Supplier<T> call) {
    try {
      return Optional.ofNullable(call.get());
    } catch (RegistryApiException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String versionPath(String model, VersionNumber version) {
    return "models/" + encode(model) + "/versions/" + version;
  }

  private static String aliasPath(String model, String alias) {
    return "models/" + encode(model) + "/aliases/" + encode(alias);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(Objects.requireNonNull(segment), StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryClientException("interrupted", e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // best effort: a stale .part file is overwritten by the next download
    }
  }

  /** Settings of a {@link RegistryClient}. */
  public static final class Builder {
    private final URI baseUri;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetryPolicy retry = RetryPolicy.defaults();

    private Builder(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri);
    }

    /** API key sent as {@code Authorization: Bearer <key>}; none for anonymous reads. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** Time to establish a connection (default 5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Time until the response headers arrive (default 30 s); long polls add their wait. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** Retries of idempotent calls (default: 3 attempts, 200 ms doubling backoff up to 5 s). */
    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}

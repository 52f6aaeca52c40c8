package dev.modelport.serving.api;

import dev.modelport.protocol.rest.RepositoryIndexEntry;
import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.error.InvalidRequestException;
import dev.modelport.serving.error.ModelNotFoundException;
import dev.modelport.serving.error.UnauthorizedException;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.ServedVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The model repository extension as both edges serve it (REST {@code /v2/repository/...}, gRPC
 * {@code RepositoryIndex}/{@code RepositoryModelLoad}/{@code RepositoryModelUnload}): the index
 * entries, the {@code modelport.serving.admin.repository-extension} switch and the admin key rule.
 * Load and unload block for as long as the engine needs: call them off the event loop. Thread-safe.
 */
@ApplicationScoped
public class RepositoryAdmin {

  /** The load parameter through which Triton's clients send a configuration override. */
  public static final String CONFIG_PARAMETER = "config";

  private final ModelManager models;
  private final ServingConfig.Admin admin;

  @Inject
  public RepositoryAdmin(ModelManager models, ServingConfig config) {
    this(models, config.admin());
  }

  public RepositoryAdmin(ModelManager models, ServingConfig.Admin admin) {
    this.models = models;
    this.admin = admin;
  }

  /**
   * The credentials a request presented.
   *
   * @param authorization the {@code Authorization} header (or metadata), null when absent
   * @param apiKey the {@code X-Api-Key} header (or {@code x-api-key} metadata), null when absent
   */
  public record Credentials(String authorization, String apiKey) {}

  /** Every known model's versions, or only the ready ones; 404 when the extension is off. */
  public List<RepositoryIndexEntry> index(boolean readyOnly) {
    requireEnabled();
    List<RepositoryIndexEntry> entries = new ArrayList<>();
    List<ServedVersion> versions = models.versions();
    for (String name : models.knownModels()) {
      List<ServedVersion> mine = versions.stream().filter(v -> v.model().equals(name)).toList();
      if (mine.isEmpty() && !readyOnly) {
        entries.add(new RepositoryIndexEntry(name, null, "UNAVAILABLE", "not loaded"));
      }
      for (ServedVersion v : mine) {
        if (!readyOnly || v.isReady()) {
          String reason = v.state().reason();
          entries.add(
              new RepositoryIndexEntry(
                  name,
                  v.version().toString(),
                  v.state().label(),
                  reason.isEmpty() ? null : reason));
        }
      }
    }
    return entries;
  }

  /**
   * Loads (or reloads) {@code model} from the source.
   *
   * @param parameters the names of the request's load parameters; a {@code config} override is
   *     refused (400), since the configuration is model.yaml's
   */
  public void load(String model, Set<String> parameters, Credentials credentials) {
    requireEnabled();
    authorize(credentials);
    if (parameters.contains(CONFIG_PARAMETER)) {
      throw new InvalidRequestException(
          "load of model '"
              + model
              + "': parameter 'config': config overrides are not supported; change model.yaml");
    }
    models.load(model);
  }

  /** Unloads every version of {@code model}. */
  public void unload(String model, Credentials credentials) {
    requireEnabled();
    authorize(credentials);
    models.unload(model);
  }

  private void requireEnabled() {
    if (!admin.repositoryExtension()) {
      throw new ModelNotFoundException(
          "the model repository extension is disabled "
              + "(modelport.serving.admin.repository-extension=false)");
    }
  }

  private void authorize(Credentials credentials) {
    if (admin.apiKey().isEmpty()) {
      return;
    }
    String authorization = credentials.authorization();
    String given =
        credentials.apiKey() != null
            ? credentials.apiKey()
            : authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).trim()
                : null;
    byte[] expected = admin.apiKey().get().getBytes(StandardCharsets.UTF_8);
    if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      throw new UnauthorizedException(
          "load and unload need the admin API key "
              + "(Authorization: Bearer <key> or X-Api-Key; over gRPC the same as metadata)");
    }
  }
}

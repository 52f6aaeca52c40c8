package dev.modelport.serving.api.rest;

import dev.modelport.protocol.rest.RepositoryIndexEntry;
import dev.modelport.protocol.rest.RepositoryIndexRequest;
import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.error.ModelNotFoundException;
import dev.modelport.serving.error.UnauthorizedException;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.ServedVersion;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model repository extension: {@code POST /v2/repository/index}, {@code .../models/{m}/load}
 * and {@code .../unload}. Load and unload take as long as the engine needs (they run on a worker
 * thread) and need the admin API key when one is configured.
 */
@Path("/v2/repository")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Blocking
public class RepositoryResource {

  @Inject ModelManager models;
  @Inject ServingConfig config;

  @POST
  @Path("/index")
  public List<RepositoryIndexEntry> index(RepositoryIndexRequest request) {
    enabled();
    boolean readyOnly = request != null && Boolean.TRUE.equals(request.ready());
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

  @POST
  @Path("/models/{model}/load")
  public Map<String, Object> load(
      @PathParam("model") String model,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("X-Api-Key") String apiKey) {
    enabled();
    authorize(authorization, apiKey);
    models.load(model);
    return Map.of();
  }

  @POST
  @Path("/models/{model}/unload")
  public Map<String, Object> unload(
      @PathParam("model") String model,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("X-Api-Key") String apiKey) {
    enabled();
    authorize(authorization, apiKey);
    models.unload(model);
    return Map.of();
  }

  private void enabled() {
    if (!config.admin().repositoryExtension()) {
      throw new ModelNotFoundException(
          "the model repository extension is disabled "
              + "(modelport.serving.admin.repository-extension=false)");
    }
  }

  private void authorize(String authorization, String apiKey) {
    if (config.admin().apiKey().isEmpty()) {
      return;
    }
    String given =
        apiKey != null
            ? apiKey
            : authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).trim()
                : null;
    byte[] expected = config.admin().apiKey().get().getBytes(StandardCharsets.UTF_8);
    if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      throw new UnauthorizedException(
          "load and unload need the admin API key " + "(Authorization: Bearer <key> or X-Api-Key)");
    }
  }
}

package dev.modelport.serving.api.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.rest.RepositoryIndexEntry;
import dev.modelport.protocol.rest.RepositoryIndexRequest;
import dev.modelport.protocol.rest.RepositoryLoadRequest;
import dev.modelport.serving.api.RepositoryAdmin;
import dev.modelport.serving.api.RepositoryAdmin.Credentials;
import dev.modelport.serving.error.InvalidRequestException;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model repository extension: {@code POST /v2/repository/index}, {@code .../models/{m}/load}
 * and {@code .../unload}, through {@link RepositoryAdmin} (shared with gRPC). Load and unload take
 * as long as the engine needs (they run on a worker thread) and need the admin API key when one is
 * configured.
 */
@Path("/v2/repository")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Blocking
public class RepositoryResource {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject RepositoryAdmin admin;

  @POST
  @Path("/index")
  public List<RepositoryIndexEntry> index(RepositoryIndexRequest request) {
    return admin.index(request != null && Boolean.TRUE.equals(request.ready()));
  }

  /**
   * Load with a JSON body (Triton's clients: {@code {"parameters": {...}}}); without a content
   * type, the body is read the same way (tritonclient sends none).
   */
  @POST
  @Path("/models/{model}/load")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
  public Map<String, Object> load(
      @PathParam("model") String model,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("X-Api-Key") String apiKey,
      byte[] body) {
    admin.load(model, parameterNames(body), new Credentials(authorization, apiKey));
    return Map.of();
  }

  /** Load with a body of any other type (a bare POST of curl or a form): no parameters. */
  @POST
  @Path("/models/{model}/load")
  public Map<String, Object> loadWithoutParameters(
      @PathParam("model") String model,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("X-Api-Key") String apiKey) {
    admin.load(model, Set.of(), new Credentials(authorization, apiKey));
    return Map.of();
  }

  /**
   * The names of the optional body's {@code parameters} (Triton's clients send one; plain clients
   * send none, often without a content type, hence a string rather than a JSON entity).
   */
  private static Set<String> parameterNames(byte[] body) {
    if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return Set.of();
    }
    RepositoryLoadRequest request;
    try {
      request = JSON.readValue(body, RepositoryLoadRequest.class);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "load body: not a JSON object with 'parameters' (" + e.getOriginalMessage() + ")");
    } catch (IOException e) { // not from an in-memory body; kept for the signature
      throw new InvalidRequestException("load body: unreadable");
    }
    return request == null || request.parameters() == null
        ? Set.of()
        : request.parameters().keySet();
  }

  @POST
  @Path("/models/{model}/unload")
  public Map<String, Object> unload(
      @PathParam("model") String model,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("X-Api-Key") String apiKey) {
    admin.unload(model, new Credentials(authorization, apiKey));
    return Map.of();
  }
}

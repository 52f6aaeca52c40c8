package dev.modelport.serving.api.rest;

import dev.modelport.protocol.rest.ServerLiveResponse;
import dev.modelport.protocol.rest.ServerMetadataResponse;
import dev.modelport.protocol.rest.ServerReadyResponse;
import dev.modelport.serving.api.ModelDescriptions;
import dev.modelport.serving.lifecycle.ServingLifecycle;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Server metadata and health: {@code GET /v2}, {@code /v2/health/live}, {@code /v2/health/ready}.
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class ServerResource {

  @Inject ServingLifecycle lifecycle;

  @GET
  public ServerMetadataResponse metadata() {
    return new ServerMetadataResponse(
        ModelDescriptions.SERVER_NAME,
        ModelDescriptions.serverVersion(),
        ModelDescriptions.EXTENSIONS);
  }

  @GET
  @Path("/health/live")
  public ServerLiveResponse live() {
    return new ServerLiveResponse(true);
  }

  /** 200 once startup loading has finished, 503 before and during shutdown. */
  @GET
  @Path("/health/ready")
  public Response ready() {
    boolean ready = lifecycle.isStarted();
    return Response.status(ready ? 200 : 503).entity(new ServerReadyResponse(ready)).build();
  }
}

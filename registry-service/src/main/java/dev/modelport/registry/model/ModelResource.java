package dev.modelport.registry.model;

import dev.modelport.registry.api.Paging;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.security.Roles;
import dev.modelport.registryclient.api.ModelUpdate;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.Page;
import dev.modelport.registryclient.api.RegisteredModel;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /api/v1/models}: registered models. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class ModelResource {
  private final ModelService models;
  private final SecurityIdentity identity;

  @Inject
  ModelResource(ModelService models, SecurityIdentity identity) {
    this.models = models;
    this.identity = identity;
  }

  @POST
  @RolesAllowed(Roles.PUBLISHER)
  @Operation(summary = "Register a model")
  @APIResponse(
      responseCode = "201",
      description = "the model was created; Location names it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RegisteredModel.class)))
  @APIResponse(responseCode = "400", description = "the error names the field and the problem")
  @APIResponse(responseCode = "409", description = "a model of that name exists")
  public Response create(NewModel body) {
    RegisteredModel created = models.create(body, Caller.of(identity));
    return Response.created(URI.create("/api/v1/models/" + created.name())).entity(created).build();
  }

  @GET
  @RolesAllowed(Roles.READER)
  @Operation(summary = "List models by name, filtered by name prefix and tag (key or key:value)")
  public Page<RegisteredModel> list(
      @RestQuery String prefix,
      @RestQuery String tag,
      @RestQuery String offset,
      @RestQuery String limit) {
    Paging paging = Paging.of(offset, limit);
    return models.list(prefix, tag, paging.offset(), paging.limit());
  }

  @GET
  @Path("{model}")
  @RolesAllowed(Roles.READER)
  @Operation(summary = "Get a model with its tags and aliases")
  public RegisteredModel get(@RestPath String model) {
    return models.get(new ModelName(model));
  }

  @PATCH
  @Path("{model}")
  @RolesAllowed(Roles.PUBLISHER)
  @Operation(summary = "Update a model's description and/or tags (tags replace all tags)")
  public RegisteredModel update(@RestPath String model, ModelUpdate body) {
    return models.update(new ModelName(model), body, Caller.of(identity));
  }

  @DELETE
  @Path("{model}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Delete a model with all its versions; refused (409) while an alias points into it")
  public Response delete(@RestPath String model) {
    models.delete(new ModelName(model), Caller.of(identity));
    return Response.noContent().build();
  }
}

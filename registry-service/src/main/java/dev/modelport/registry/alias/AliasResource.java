package dev.modelport.registry.alias;

import dev.modelport.registry.api.Paging;
import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.security.Roles;
import dev.modelport.registryclient.api.Alias;
import dev.modelport.registryclient.api.AliasChange;
import dev.modelport.registryclient.api.AliasTarget;
import dev.modelport.registryclient.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /api/v1/models/{model}/aliases}: set or move (PUT), resolve, list and delete aliases. */
@Path("/api/v1/models/{model}/aliases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "aliases")
public class AliasResource {
  private final AliasService aliases;
  private final SecurityIdentity identity;

  @Inject
  AliasResource(AliasService aliases, SecurityIdentity identity) {
    this.aliases = aliases;
    this.identity = identity;
  }

  @GET
  @RolesAllowed(Roles.READER)
  @Operation(summary = "List a model's aliases")
  public List<Alias> list(@RestPath String model) {
    return aliases.list(new ModelName(model));
  }

  @GET
  @Path("{alias}")
  @RolesAllowed(Roles.READER)
  @Operation(summary = "Resolve an alias to its version")
  public Alias resolve(@RestPath String model, @RestPath String alias) {
    return aliases.resolve(new ModelName(model), new AliasName(alias));
  }

  @GET
  @Path("{alias}/history")
  @RolesAllowed(Roles.READER)
  @Operation(
      summary =
          "Which version held an alias when: its changes from the audit log, newest first, paged")
  public Page<AliasChange> history(
      @RestPath String model,
      @RestPath String alias,
      @RestQuery String offset,
      @RestQuery String limit) {
    Paging paging = Paging.of(offset, limit);
    return aliases.history(
        new ModelName(model), new AliasName(alias), paging.offset(), paging.limit());
  }

  @PUT
  @Path("{alias}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.PUBLISHER)
  @Operation(summary = "Point an alias at a version (protected aliases need admin)")
  public Alias set(@RestPath String model, @RestPath String alias, AliasTarget body) {
    if (body == null || body.version() == null) {
      throw new InvalidInputException("version", "body {\"version\": N} is required");
    }
    return aliases.set(
        new ModelName(model), AliasName.forWrite(alias), body.version(), Caller.of(identity));
  }

  @DELETE
  @Path("{alias}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Delete an alias")
  public Response delete(@RestPath String model, @RestPath String alias) {
    aliases.delete(new ModelName(model), new AliasName(alias), Caller.of(identity));
    return Response.noContent().build();
  }
}

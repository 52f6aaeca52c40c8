package dev.modelport.registry.version;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.api.PathParams;
import dev.modelport.registry.baseline.BaselineRepository;
import dev.modelport.registry.error.NotFoundException;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.security.Roles;
import dev.modelport.registry.storage.RegistryDatabase;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code GET /api/v1/models/{model}/versions/{version}/baseline}: the stored feature-stats profile
 * JSON. 404 when there is no such version, or when it has no baseline.
 */
@Path("/api/v1/models/{model}/versions/{version}/baseline")
@Tag(name = "versions")
public class BaselineResource {
  private final RegistryDatabase database;
  private final BaselineRepository baselines;
  private final VersionService versions;

  @Inject
  BaselineResource(
      RegistryDatabase database, BaselineRepository baselines, VersionService versions) {
    this.database = database;
    this.baselines = baselines;
    this.versions = versions;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.READER)
  @Operation(summary = "Get the version's baseline profile (feature-stats JSON)")
  public String get(@RestPath String model, @RestPath String version) {
    ModelName name = new ModelName(model);
    VersionNumber number = PathParams.version(version);
    versions.get(name, number);
    return database
        .read(c -> baselines.find(c, name, number))
        .orElseThrow(
            () ->
                new NotFoundException(
                    "version " + number + " of model '" + name + "' has no baseline"));
  }
}

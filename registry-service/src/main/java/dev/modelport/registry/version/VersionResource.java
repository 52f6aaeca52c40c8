package dev.modelport.registry.version;

import dev.modelport.registry.api.Paging;
import dev.modelport.registry.api.PathParams;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.security.Roles;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code /api/v1/models/{model}/versions}: upload (multipart: {@code metadata} JSON field, {@code
 * artifact} file, optional {@code training-data} CSV or {@code profile} JSON file), list and get.
 * File parts arrive as temporary files, so the heap does not grow with the upload.
 */
@Path("/api/v1/models/{model}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "versions")
public class VersionResource {
  @Inject VersionService versions;

  @Inject SecurityIdentity identity;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RolesAllowed(Roles.PUBLISHER)
  @Operation(summary = "Upload a new version; its number is assigned by the registry")
  public Response upload(
      @RestPath String model,
      @RestForm("metadata") String metadata,
      @RestForm("artifact") FileUpload artifact,
      @RestForm("training-data") FileUpload trainingData,
      @RestForm("profile") FileUpload profile) {
    ModelName name = new ModelName(model);
    ModelVersion created =
        versions.upload(
            name,
            new VersionService.Upload(
                metadata,
                artifact == null ? null : artifact.uploadedFile(),
                artifact == null ? null : artifact.fileName(),
                Optional.ofNullable(trainingData).map(FileUpload::uploadedFile),
                Optional.ofNullable(profile).map(FileUpload::uploadedFile)),
            Caller.of(identity));
    return Response.created(URI.create("/api/v1/models/" + name + "/versions/" + created.version()))
        .entity(created)
        .build();
  }

  @GET
  @RolesAllowed(Roles.READER)
  @Operation(summary = "List a model's versions, oldest first")
  public Page<ModelVersion> list(
      @RestPath String model, @RestQuery Integer offset, @RestQuery Integer limit) {
    Paging paging = Paging.of(offset, limit);
    return versions.list(new ModelName(model), paging.offset(), paging.limit());
  }

  @GET
  @Path("{version}")
  @RolesAllowed(Roles.READER)
  @Operation(summary = "Get a version's metadata")
  public ModelVersion get(@RestPath String model, @RestPath String version) {
    return versions.get(new ModelName(model), PathParams.version(version));
  }
}

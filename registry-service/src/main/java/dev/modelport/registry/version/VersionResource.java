package dev.modelport.registry.version;

import dev.modelport.registry.api.MultipartStream;
import dev.modelport.registry.api.Paging;
import dev.modelport.registry.api.PathParams;
import dev.modelport.registry.api.RequestBodySwallow;
import dev.modelport.registry.error.RegistryException;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Encoding;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code /api/v1/models/{model}/versions}: upload (multipart: {@code metadata} JSON, {@code
 * artifact} file, the signature in {@code metadata.signature} or as a {@code model.yaml} part,
 * optional {@code training-data} CSV or {@code profile} JSON), list and get. The upload body is
 * read as it arrives ({@link MultipartStream}): the artifact streams into the blob store, so
 * neither heap nor temporary disk grows with it.
 */
@Path("/api/v1/models/{model}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "versions")
public class VersionResource {
  private final VersionUploads uploads;
  private final VersionService versions;
  private final SecurityIdentity identity;

  @Inject
  VersionResource(VersionUploads uploads, VersionService versions, SecurityIdentity identity) {
    this.uploads = uploads;
    this.versions = versions;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RolesAllowed(Roles.PUBLISHER)
  @Operation(
      summary = "Upload a new version; its number is assigned by the registry",
      description =
          "multipart/form-data parts: metadata (JSON), artifact (file), model.yaml (optional, the"
              + " signature instead of metadata.signature), training-data (CSV) or profile (JSON)."
              + " A model that does not exist yet is created.")
  @APIResponse(
      responseCode = "201",
      description = "the version was stored; Location names it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ModelVersion.class)))
  @APIResponse(
      responseCode = "400",
      description = "a part is missing or malformed; the error names the part and field")
  @APIResponse(responseCode = "401", description = "no or unknown API key")
  @APIResponse(responseCode = "403", description = "the key's role may not publish")
  @APIResponse(responseCode = "413", description = "the artifact exceeds the upload limit")
  public Response upload(
      @RestPath String model,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.MULTIPART_FORM_DATA,
                      schema = @Schema(implementation = VersionUploadForm.class),
                      encoding = {
                        @Encoding(name = "metadata", contentType = MediaType.APPLICATION_JSON),
                        @Encoding(name = "artifact", contentType = "application/octet-stream"),
                        @Encoding(name = "model.yaml", contentType = "application/yaml"),
                        @Encoding(name = "training-data", contentType = "text/csv"),
                        @Encoding(name = "profile", contentType = MediaType.APPLICATION_JSON)
                      }))
          InputStream body) {
    ModelName name = new ModelName(model);
    ModelVersion created;
    try {
      created = uploads.upload(name, MultipartStream.of(contentType, body), Caller.of(identity));
    } catch (RegistryException e) {
      RequestBodySwallow.discardRest(body);
      throw e;
    }
    return Response.created(URI.create("/api/v1/models/" + name + "/versions/" + created.version()))
        .entity(created)
        .build();
  }

  @GET
  @RolesAllowed(Roles.READER)
  @Operation(summary = "List a model's versions, oldest first")
  public Page<ModelVersion> list(
      @RestPath String model, @RestQuery String offset, @RestQuery String limit) {
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

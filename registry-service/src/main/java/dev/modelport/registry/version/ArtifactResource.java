package dev.modelport.registry.version;

import dev.modelport.registry.api.PathParams;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.security.Roles;
import dev.modelport.registry.storage.BlobStore;
import dev.modelport.registry.storage.Sha256;
import dev.modelport.registryclient.api.ModelVersion;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code GET /api/v1/models/{model}/versions/{version}/artifact}: streams the artifact from the
 * blob store with {@code ETag: "<sha256>"}, {@code If-None-Match} (304) and a single {@code Range}
 * (206, or 416 beyond the end; {@code If-Range} honoured).
 */
@Path("/api/v1/models/{model}/versions/{version}/artifact")
@Tag(name = "versions")
public class ArtifactResource {
  private final VersionService versions;
  private final BlobStore blobs;

  @Inject
  ArtifactResource(VersionService versions, BlobStore blobs) {
    this.versions = versions;
    this.blobs = blobs;
  }

  @GET
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  @RolesAllowed(Roles.READER)
  @Operation(summary = "Download a version's artifact (ETag = SHA-256, Range supported)")
  public Response download(
      @RestPath String model,
      @RestPath String version,
      @HeaderParam("Range") String range,
      @HeaderParam("If-Range") String ifRange,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    ModelVersion v = versions.get(new ModelName(model), PathParams.version(version));
    Sha256 digest = new Sha256(v.artifact().sha256());
    long size = v.artifact().size();
    String etag = "\"" + digest.hex() + "\"";
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
      return Response.notModified().header("ETag", etag).build();
    }
    Optional<ByteRange> byteRange;
    try {
      byteRange =
          ifRange == null || ifRange.trim().equals(etag)
              ? ByteRange.parse(range, size)
              : Optional.empty();
    } catch (ByteRange.Unsatisfiable e) {
      return Response.status(416)
          .header("Content-Range", "bytes */" + size)
          .header("ETag", etag)
          .build();
    }
    long first = byteRange.map(ByteRange::first).orElse(0L);
    long length = byteRange.map(ByteRange::length).orElse(size);
    StreamingOutput body =
        out -> {
          try (InputStream in = blobs.open(digest, first, length)) {
            in.transferTo(out);
          }
        };
    Response.ResponseBuilder response =
        Response.status(byteRange.isPresent() ? 206 : 200)
            .entity(body)
            .type(MediaType.APPLICATION_OCTET_STREAM)
            .header("ETag", etag)
            .header("Accept-Ranges", "bytes")
            .header("Content-Length", length);
    byteRange.ifPresent(r -> response.header("Content-Range", r.contentRange(size)));
    if (v.artifact().fileName() != null) {
      response.header(
          "Content-Disposition", ContentDisposition.attachment(v.artifact().fileName()));
    }
    return response.build();
  }
}

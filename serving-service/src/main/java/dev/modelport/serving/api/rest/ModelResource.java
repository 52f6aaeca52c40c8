package dev.modelport.serving.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.rest.ModelMetadataResponse.TensorMetadata;
import dev.modelport.protocol.rest.ModelReadyResponse;
import dev.modelport.serving.api.ModelDescriptions;
import dev.modelport.serving.api.ModelDescriptions.Description;
import dev.modelport.serving.api.RequestedVersion;
import dev.modelport.serving.lifecycle.ModelManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Model metadata and readiness: {@code GET /v2/models/{m}[/versions/{v}][/ready]}. */
@Path("/v2/models/{model}")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

  @Inject ModelManager models;

  @GET
  public ServedModelMetadata metadata(@PathParam("model") String model) {
    return metadata(ModelDescriptions.describe(models, model, Optional.empty()));
  }

  @GET
  @Path("/versions/{version}")
  public ServedModelMetadata versionMetadata(
      @PathParam("model") String model, @PathParam("version") String version) {
    return metadata(ModelDescriptions.describe(models, model, RequestedVersion.of(model, version)));
  }

  @GET
  @Path("/ready")
  public Response ready(@PathParam("model") String model) {
    return ready(model, Optional.empty());
  }

  @GET
  @Path("/versions/{version}/ready")
  public Response versionReady(
      @PathParam("model") String model, @PathParam("version") String version) {
    return ready(model, RequestedVersion.of(model, version));
  }

  private Response ready(String model, Optional<VersionNumber> version) {
    boolean ready = models.isReady(model, version);
    return Response.status(ready ? 200 : 503).entity(new ModelReadyResponse(model, ready)).build();
  }

  private ServedModelMetadata metadata(Description d) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("roles", d.roleNames());
    int weight = models.canaryWeight(d.name());
    if (weight > 0) {
      parameters.put("canary_weight", weight);
    }
    return new ServedModelMetadata(
        d.name(),
        d.versionNames(),
        d.platform(),
        tensors(d.signature().inputs()),
        tensors(d.signature().outputs()),
        parameters);
  }

  /**
   * V2 model metadata plus {@code parameters} (an extension field V2 clients ignore): {@code roles}
   * maps each loaded version to its role, {@code canary_weight} the canary's percent.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ServedModelMetadata(
      String name,
      List<String> versions,
      String platform,
      List<TensorMetadata> inputs,
      List<TensorMetadata> outputs,
      Map<String, Object> parameters) {}

  private static List<TensorMetadata> tensors(List<TensorSpec> specs) {
    return specs.stream()
        .map(s -> new TensorMetadata(s.name(), s.datatype().name(), s.shape()))
        .toList();
  }
}

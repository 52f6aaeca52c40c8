package dev.modelport.serving.api;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.ServedVersion;
import dev.modelport.serving.model.ModelFormat;
import dev.modelport.serving.model.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the metadata endpoints of both transports say about a model: its versions, platform and
 * signature. Stateless apart from the manager.
 */
public final class ModelDescriptions {

  /** The server's name in {@code GET /v2} and {@code ServerMetadata}. */
  public static final String SERVER_NAME = "modelport";

  /**
   * Protocol extensions, listed by both edges' server metadata ({@code binary_tensor_data} is
   * REST's; gRPC carries raw contents natively).
   */
  public static final List<String> EXTENSIONS = List.of("binary_tensor_data", "model_repository");

  private ModelDescriptions() {}

  /**
   * A model description.
   *
   * @param name model name
   * @param version the version described
   * @param versions all versions of the model
   * @param platform Triton's platform name
   * @param signature the version's signature
   * @param roles the role of each loaded version (primary, canary, shadow, pinned)
   */
  public record Description(
      String name,
      VersionNumber version,
      List<VersionNumber> versions,
      String platform,
      ModelSignature signature,
      Map<VersionNumber, Role> roles) {

    /** The roles as metadata parameters write them: version string to role name. */
    public Map<String, String> roleNames() {
      Map<String, String> out = new LinkedHashMap<>();
      roles.forEach((v, r) -> out.put(v.toString(), r.tag()));
      return out;
    }

    /** The versions as the protocol writes them (decimal strings). */
    public List<String> versionNames() {
      return versions.stream().map(VersionNumber::toString).toList();
    }
  }

  /** Describes the requested version (or the default); 404 unknown, 503 not ready. */
  public static Description describe(
      ModelManager models, String name, Optional<VersionNumber> version) {
    ServedVersion v = models.find(name, version);
    ModelSignature signature = v.readyRuntime().signature();
    List<VersionNumber> versions =
        models.versions().stream()
            .filter(s -> s.model().equals(name))
            .map(ServedVersion::version)
            .toList();
    return new Description(
        name,
        v.version(),
        versions,
        platform(v.artifact().format()),
        signature,
        models.roles(name));
  }

  /** Triton's platform name of a format. */
  public static String platform(ModelFormat format) {
    return format == ModelFormat.ONNX ? "onnxruntime_onnx" : "pytorch_libtorch";
  }

  /** The server version, from the jar manifest when packaged. */
  public static String serverVersion() {
    String v = ModelDescriptions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}

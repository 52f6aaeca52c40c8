package dev.modelport.cli.up;

import java.nio.file.Path;

/** The suite's services that run as child processes, in start order. */
public enum Service {
  REGISTRY("registry-service", "registry", true),
  SERVING("serving-service", "serving", false),
  DRIFT("drift-monitor", "drift", true);

  private final String module;
  private final String shortName;
  private final boolean needsForeignMemory;

  Service(String module, String shortName, boolean needsForeignMemory) {
    this.module = module;
    this.shortName = shortName;
    this.needsForeignMemory = needsForeignMemory;
  }

  /** The Maven module (and folder under the project root) that packages the service. */
  public String module() {
    return module;
  }

  /**
   * The short name: the prefix of the service's {@code --set} and {@code --config} settings ({@code
   * registry}, {@code serving}, {@code drift}).
   */
  public String shortName() {
    return shortName;
  }

  /** The service whose short name is {@code name}, if any. */
  public static java.util.Optional<Service> byShortName(String name) {
    for (Service service : values()) {
      if (service.shortName.equals(name)) {
        return java.util.Optional.of(service);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Whether the JVM needs {@code --add-modules=jdk.incubator.foreign} (DataSketches images in
   * baseline profiles).
   */
  public boolean needsForeignMemory() {
    return needsForeignMemory;
  }

  /** The packaged application, {@code <module>/target/quarkus-app/quarkus-run.jar}. */
  public Path jar(Path projectHome) {
    return projectHome
        .resolve(module)
        .resolve("target")
        .resolve("quarkus-app")
        .resolve("quarkus-run.jar");
  }
}

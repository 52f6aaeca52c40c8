package dev.modelport.cli.up;

import java.nio.file.Path;

/** The suite's services that run as child processes, in start order. */
public enum Service {
  REGISTRY("registry-service", "registry", true),
  SERVING("serving-service", "serving", false),
  DRIFT("drift-monitor", "drift-monitor", true);

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

  /** A short name for tables and log file names. */
  public String shortName() {
    return shortName;
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

package dev.modelport.serving.lifecycle;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.error.ModelNotReadyException;
import dev.modelport.serving.repository.ModelArtifact;

/**
 * One version of a model and its current {@link VersionState}. State changes go through the typed
 * transitions and are published with a volatile write, so request threads see a consistent state
 * without locking.
 */
public final class ServedVersion {

  private final ModelArtifact artifact;
  private volatile VersionState state = new VersionState.Loading();

  ServedVersion(ModelArtifact artifact) {
    this.artifact = artifact;
  }

  public String model() {
    return artifact.model();
  }

  public VersionNumber version() {
    return artifact.version();
  }

  public ModelArtifact artifact() {
    return artifact;
  }

  public VersionState state() {
    return state;
  }

  public boolean isReady() {
    return state instanceof VersionState.Ready;
  }

  /**
   * The runtime to serve a request with.
   *
   * @throws ModelNotReadyException when the version is not ready, naming its state
   */
  public ModelRuntime readyRuntime() {
    VersionState s = state;
    if (s instanceof VersionState.Ready r) {
      return r.runtime();
    }
    throw new ModelNotReadyException(
        "model '" + model() + "' version " + version() + " is not ready: " + s.reason());
  }

  void set(VersionState next) {
    state = next;
  }
}

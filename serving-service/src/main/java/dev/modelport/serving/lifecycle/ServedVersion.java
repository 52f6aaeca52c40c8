package dev.modelport.serving.lifecycle;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.error.ModelNotReadyException;
import dev.modelport.serving.model.ModelArtifact;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One version of a model and its current {@link VersionState}. The state moves only through the
 * transition methods below, each a compare-and-set on the current state: an illegal transition
 * (draining a version that is still loading, readying one twice) throws {@link
 * IllegalStateException} instead of corrupting the state. Request threads read the state without
 * locking.
 */
public final class ServedVersion {

  private final ModelArtifact artifact;
  private final AtomicReference<VersionState> state =
      new AtomicReference<>(new VersionState.Loading());

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
    return state.get();
  }

  public boolean isReady() {
    return state.get() instanceof VersionState.Ready;
  }

  /**
   * The runtime to serve a request with.
   *
   * @throws ModelNotReadyException when the version is not ready, naming its state
   */
  public ModelRuntime readyRuntime() {
    VersionState s = state.get();
    if (s instanceof VersionState.Ready r) {
      return r.runtime();
    }
    throw new ModelNotReadyException(
        "model '" + model() + "' version " + version() + " is not ready: " + s.reason());
  }

  /** Loading → Ready. */
  void markReady(ModelRuntime runtime) {
    VersionState s = state.get();
    if (!(s instanceof VersionState.Loading l) || !state.compareAndSet(s, l.ready(runtime))) {
      throw illegal(s, "ready");
    }
  }

  /** Loading → Failed. */
  void markFailed(String reason) {
    VersionState s = state.get();
    if (!(s instanceof VersionState.Loading l) || !state.compareAndSet(s, l.failed(reason))) {
      throw illegal(s, "failed");
    }
  }

  /**
   * Ready → Draining: new requests are refused from now on.
   *
   * @return the runtime to close, or null when the version was not ready (nothing to drain)
   */
  ModelRuntime beginDrain() {
    while (true) {
      VersionState s = state.get();
      if (!(s instanceof VersionState.Ready r)) {
        return null;
      }
      if (state.compareAndSet(s, r.drain())) {
        return r.runtime();
      }
    }
  }

  /** Draining → Unloaded. */
  void markUnloaded() {
    VersionState s = state.get();
    if (!(s instanceof VersionState.Draining d) || !state.compareAndSet(s, d.unloaded())) {
      throw illegal(s, "unloaded");
    }
  }

  private IllegalStateException illegal(VersionState from, String to) {
    return new IllegalStateException(
        "model '" + model() + "' version " + version() + ": cannot go from " + from + " to " + to);
  }
}

package dev.modelport.serving.lifecycle;

/**
 * The lifecycle of one served model version: {@code Loading -> Ready -> Draining -> Unloaded}, or
 * {@code Loading -> Failed}. Transitions are methods of the state they leave, so an illegal one
 * (serving from Loading, draining an Unloaded version) does not compile. Immutable values.
 */
public sealed interface VersionState {

  /** The state name shown by the repository index: LOADING, READY, UNLOADING, UNAVAILABLE. */
  String label();

  /** Why the version is not ready, or empty. */
  default String reason() {
    return "";
  }

  /** Being loaded and warmed up; not yet serving. */
  record Loading() implements VersionState {
    public Ready ready(ModelRuntime runtime) {
      return new Ready(runtime);
    }

    public Failed failed(String reason) {
      return new Failed(reason);
    }

    @Override
    public String label() {
      return "LOADING";
    }

    @Override
    public String reason() {
      return "loading";
    }
  }

  /** Serving requests. */
  record Ready(ModelRuntime runtime) implements VersionState {
    public Draining drain() {
      return new Draining(runtime);
    }

    @Override
    public String label() {
      return "READY";
    }
  }

  /** Refusing new requests while the queued ones finish. */
  record Draining(ModelRuntime runtime) implements VersionState {
    public Unloaded unloaded() {
      return new Unloaded();
    }

    @Override
    public String label() {
      return "UNLOADING";
    }

    @Override
    public String reason() {
      return "unloading";
    }
  }

  /** Unloaded: engine model closed, native memory freed. */
  record Unloaded() implements VersionState {
    @Override
    public String label() {
      return "UNAVAILABLE";
    }

    @Override
    public String reason() {
      return "unloaded";
    }
  }

  /** Loading failed; {@code reason} says why. */
  record Failed(String reason) implements VersionState {
    @Override
    public String label() {
      return "UNAVAILABLE";
    }
  }
}

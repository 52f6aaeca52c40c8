package dev.modelport.serving.lifecycle;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.error.InvalidRequestException;
import dev.modelport.serving.error.ModelNotFoundException;
import dev.modelport.serving.error.ModelNotReadyException;
import dev.modelport.serving.repository.ModelArtifact;
import dev.modelport.serving.repository.ModelConfigException;
import dev.modelport.serving.repository.ModelDefinition;
import dev.modelport.serving.repository.ModelSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The control plane of serving: which models and versions are loaded and in which state. Loads from
 * a {@link ModelSource}, resolves requests to a ready version, unloads (drain, then free), and
 * shuts everything down gracefully.
 *
 * <p>Thread-safe: loads and unloads of one model are serialised on that model's entry; request
 * threads read an immutable snapshot of the model's versions, so resolution never locks.
 */
public final class ModelManager {

  private static final Logger LOG = Logger.getLogger(ModelManager.class);

  private final ModelSource source;
  private final VersionLoader loader;
  private final LifecycleObserver observer;
  private final Duration drainTimeout;
  private final NativeHeapTrimmer trimmer;
  private final Map<String, ServedModel> models = new ConcurrentHashMap<>();
  private volatile boolean accepting = true;

  /**
   * @param trimmer trims the native heap after each load, reload and unload, so that the native
   *     memory that loading used for a while, and that closed engine models freed, leaves the
   *     process
   */
  public ModelManager(
      ModelSource source,
      VersionLoader loader,
      LifecycleObserver observer,
      Duration drainTimeout,
      NativeHeapTrimmer trimmer) {
    this.source = source;
    this.loader = loader;
    this.observer = observer;
    this.drainTimeout = drainTimeout;
    this.trimmer = trimmer;
  }

  public ModelSource source() {
    return source;
  }

  /** True until {@link #shutdown()} began. */
  public boolean accepting() {
    return accepting;
  }

  /**
   * Loads (or reloads) every version of {@code name}. A reload builds the new versions first, then
   * switches requests to them and drains the old ones, so no request fails on the switch.
   *
   * @throws ModelNotFoundException when the source does not hold the model
   * @throws InvalidRequestException when the model or one of its versions fails to load
   */
  public void load(String name) {
    if (!accepting) {
      throw new ModelNotReadyException("the server is shutting down");
    }
    ModelDefinition definition;
    try {
      definition =
          source
              .find(name)
              .orElseThrow(
                  () ->
                      new ModelNotFoundException(
                          "model '" + name + "' is not in the model repository"));
    } catch (ModelConfigException e) {
      throw new InvalidRequestException("failed to load model '" + name + "': " + e.getMessage());
    }
    ServedModel entry = models.computeIfAbsent(name, n -> new ServedModel());
    synchronized (entry) {
      TreeMap<VersionNumber, ServedVersion> next = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (ModelArtifact artifact : definition.versions().values()) {
        ServedVersion version = new ServedVersion(artifact);
        next.put(artifact.version(), version);
        long start = System.nanoTime();
        try {
          ModelRuntime runtime = loader.load(definition, artifact);
          version.set(((VersionState.Loading) version.state()).ready(runtime));
          observer.loaded(name, artifact.version(), runtime.batcher(), System.nanoTime() - start);
        } catch (RuntimeException e) {
          String reason = e.getMessage();
          version.set(((VersionState.Loading) version.state()).failed(reason));
          failures.add("version " + artifact.version() + ": " + reason);
          LOG.errorf("Model '%s' version %s failed to load: %s", name, artifact.version(), reason);
        }
      }
      Collection<ServedVersion> previous = entry.replace(next, definition.defaultVersion());
      drainAll(previous);
      // loading (graph optimisation, warm-up) and the previous versions freed native memory
      trimmer.trim();
      if (!failures.isEmpty()) {
        throw new InvalidRequestException(
            "failed to load model '" + name + "': " + String.join("; ", failures));
      }
    }
  }

  /**
   * Unloads every version of {@code name}: new requests get 503 at once, queued ones finish, then
   * the engine models are closed.
   *
   * @throws ModelNotFoundException when the model is neither loaded nor in the source
   */
  public void unload(String name) {
    ServedModel entry = models.get(name);
    if (entry == null) {
      if (source.modelNames().contains(name)) {
        return; // known, already not loaded
      }
      throw new ModelNotFoundException("model '" + name + "' is not in the model repository");
    }
    synchronized (entry) {
      if (drainAll(entry.versions().values())) {
        trimmer.trim();
      }
    }
  }

  /**
   * The ready version a request goes to: {@code version} if given, else the default version.
   *
   * @throws ModelNotFoundException for an unknown model or version
   * @throws ModelNotReadyException when the version is not ready (loading, unloaded, failed) or the
   *     server is shutting down
   */
  public ServedVersion resolve(String name, Optional<VersionNumber> version) {
    ServedVersion v = find(name, version);
    if (!accepting) {
      throw new ModelNotReadyException("the server is shutting down");
    }
    if (!v.isReady()) {
      throw new ModelNotReadyException(
          "model '" + name + "' version " + v.version() + " is not ready: " + v.state().reason());
    }
    return v;
  }

  /** The version, ready or not (metadata and readiness); see {@link #resolve} for errors. */
  public ServedVersion find(String name, Optional<VersionNumber> version) {
    ServedModel entry = models.get(name);
    if (entry == null || entry.versions().isEmpty()) {
      if (source.modelNames().contains(name)) {
        throw new ModelNotReadyException("model '" + name + "' is not loaded");
      }
      throw new ModelNotFoundException("model '" + name + "' is not known");
    }
    if (version.isEmpty()) {
      ServedVersion v = entry.defaultServedVersion();
      if (v == null) {
        throw new ModelNotReadyException("model '" + name + "' has no default version loaded");
      }
      return v;
    }
    VersionNumber number = version.get();
    ServedVersion v = entry.versions().get(number);
    if (v == null) {
      throw new ModelNotFoundException(
          "model '"
              + name
              + "' has no version "
              + number
              + "; versions: "
              + entry.versions().keySet());
    }
    return v;
  }

  /** All versions known to the manager, by model then version. */
  public List<ServedVersion> versions() {
    List<ServedVersion> all = new ArrayList<>();
    new TreeMap<>(models).values().forEach(m -> all.addAll(m.versions().values()));
    return all;
  }

  /** Names of models held by the source or loaded, sorted. */
  public List<String> knownModels() {
    TreeSet<String> names = new TreeSet<>(source.modelNames());
    names.addAll(models.keySet());
    return List.copyOf(names);
  }

  /** Refuses new requests (503), lets queued ones finish, then frees every model. */
  public void shutdown() {
    accepting = false;
    for (ServedModel m : models.values()) {
      synchronized (m) {
        drainAll(m.versions().values());
      }
    }
  }

  /** Drains and closes the ready versions among {@code versions}; true if there were any. */
  private boolean drainAll(Collection<ServedVersion> versions) {
    List<ServedVersion> draining = new ArrayList<>();
    for (ServedVersion v : versions) {
      if (v.state() instanceof VersionState.Ready r) {
        v.set(r.drain());
        draining.add(v);
      }
    }
    for (ServedVersion v : draining) {
      VersionState.Draining d = (VersionState.Draining) v.state();
      try {
        d.runtime().close(drainTimeout);
      } finally {
        v.set(d.unloaded());
        observer.unloaded(v.model(), v.version());
        LOG.infof("Unloaded model '%s' version %s", v.model(), v.version());
      }
    }
    return !draining.isEmpty();
  }

  /** A model's versions and default version; the snapshot is replaced as a whole on (re)load. */
  private static final class ServedModel {
    /** The versions and the default one; {@code defaultVersion} is null before the first load. */
    private record Snapshot(
        Map<VersionNumber, ServedVersion> versions, VersionNumber defaultVersion) {}

    private volatile Snapshot snapshot = new Snapshot(Map.of(), null);

    Map<VersionNumber, ServedVersion> versions() {
      return snapshot.versions();
    }

    ServedVersion defaultServedVersion() {
      Snapshot s = snapshot;
      return s.defaultVersion() == null ? null : s.versions().get(s.defaultVersion());
    }

    Collection<ServedVersion> replace(
        TreeMap<VersionNumber, ServedVersion> next, VersionNumber defaultVersion) {
      Collection<ServedVersion> previous = snapshot.versions().values();
      snapshot = new Snapshot(java.util.Collections.unmodifiableMap(next), defaultVersion);
      return previous;
    }
  }
}

package dev.modelport.serving.lifecycle;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.error.InvalidRequestException;
import dev.modelport.serving.error.ModelNotFoundException;
import dev.modelport.serving.error.ModelNotReadyException;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.model.ModelConfigException;
import dev.modelport.serving.model.ModelDefinition;
import dev.modelport.serving.model.ResolvedDeployment;
import dev.modelport.serving.model.Role;
import dev.modelport.serving.repository.ModelSource;
import dev.modelport.serving.tracing.ServingTracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * The control plane of serving: which versions of which models are loaded, in which role, and in
 * which state. It loads exactly the versions a model's {@link ResolvedDeployment} selects, routes
 * requests to them (primary, canary by weight, shadow copies) and rolls out changes: load and warm
 * the new version, switch the route atomically, drain the old version's requests, unload it.
 *
 * <p>Thread-safe: changes to one model are serialised on that model's entry; request threads read
 * an immutable snapshot of the model's routing, so routing never locks.
 */
public final class ModelManager {

  private static final Logger LOG = Logger.getLogger(ModelManager.class);

  private final ModelSource source;
  private final VersionLoader loader;
  private final LifecycleObserver observer;
  private final Duration drainTimeout;
  private final NativeHeapTrimmer trimmer;
  private final CanaryChoice canary;
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
    this(source, loader, observer, drainTimeout, trimmer, new java.util.Random());
  }

  /**
   * @param random draws the canary side of requests without a routing key (seed it in tests)
   */
  public ModelManager(
      ModelSource source,
      VersionLoader loader,
      LifecycleObserver observer,
      Duration drainTimeout,
      NativeHeapTrimmer trimmer,
      RandomGenerator random) {
    this.source = source;
    this.loader = loader;
    this.observer = observer;
    this.drainTimeout = drainTimeout;
    this.trimmer = trimmer;
    this.canary = new CanaryChoice(random);
  }

  public ModelSource source() {
    return source;
  }

  /** True until {@link #shutdown()} began. */
  public boolean accepting() {
    return accepting;
  }

  /**
   * Loads (or reloads) every version the source holds of {@code name}, the model.yaml's default
   * version as primary and the others pinned (addressable by number). A reload builds the new
   * versions first, then switches requests to them and drains the old ones, so no request fails on
   * the switch.
   *
   * @throws ModelNotFoundException when the source does not hold the model
   * @throws InvalidRequestException when the model or one of its versions fails to load
   */
  public void load(String name) {
    ModelNames.requireValid(name);
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
    ResolvedDeployment target =
        new ResolvedDeployment(
            definition.defaultVersion(),
            Optional.empty(),
            0,
            Optional.empty(),
            definition.versions().keySet());
    List<String> failures = apply(name, definition, target, true, Map.of());
    if (!failures.isEmpty()) {
      throw new InvalidRequestException(
          "failed to load model '" + name + "': " + String.join("; ", failures));
    }
  }

  /**
   * Rolls {@code name} out to {@code target}. Versions already ready with the same artifact are
   * kept; the others are loaded and warmed up first; then the route switches at once and the
   * versions no longer selected are drained and unloaded.
   *
   * <p>With {@code reloadAll} false (the registry source) a version that fails to load or warm up
   * is reported (log line, {@link LifecycleObserver#rollout}, {@link #failure}) and its role keeps
   * the version that served it before, if any. With {@code reloadAll} true (the local source's
   * load) every version is loaded afresh and failed ones stay visible as failed.
   *
   * <p>A failure already reported for the same artifact (or the same unavailable version and
   * reason) is not tried, logged or counted again: it stays in {@link #failure}.
   *
   * @param definition configuration and artifacts of the target's available versions; null when
   *     none is available
   * @param unavailable versions that could not be fetched or verified, with the reason
   * @return one line per failed version, empty when all loaded
   */
  public List<String> apply(
      String name,
      ModelDefinition definition,
      ResolvedDeployment target,
      boolean reloadAll,
      Map<VersionNumber, String> unavailable) {
    if (!accepting) {
      throw new ModelNotReadyException("the server is shutting down");
    }
    ServedModel entry = models.computeIfAbsent(name, n -> new ServedModel());
    synchronized (entry) {
      Routing current = entry.routing;
      Map<VersionNumber, ServedVersion> candidates = new TreeMap<>();
      List<ServedVersion> fresh = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (VersionNumber number : target.versions()) {
        if (unavailable.containsKey(number)) {
          String reason = unavailable.get(number);
          failures.add("version " + number + ": " + reason);
          if (entry.refused.putIfAbsent("unavailable " + number + ": " + reason, reason) == null) {
            observer.rollout(name, number, false);
            LOG.errorf(
                "Rollout of model '%s' version %s failed, the current version keeps serving: %s",
                name, number, reason);
          }
          continue;
        }
        ModelArtifact artifact = definition == null ? null : definition.versions().get(number);
        if (artifact == null) {
          throw new IllegalArgumentException(
              "model '" + name + "' has no artifact for version " + number);
        }
        ServedVersion existing = current.versions().get(number);
        if (!reloadAll
            && existing != null
            && existing.isReady()
            && existing.artifact().equals(artifact)) {
          candidates.put(number, existing);
          continue;
        }
        String refusedBefore = reloadAll ? null : entry.refused.get(artifact.toString());
        if (refusedBefore != null) {
          failures.add("version " + number + ": " + refusedBefore);
          continue;
        }
        ServedVersion version = loadVersion(definition, artifact, failures, !reloadAll);
        if (!reloadAll && version.state() instanceof VersionState.Failed f) {
          entry.refused.put(artifact.toString(), f.reason());
        }
        fresh.add(version);
        candidates.put(number, version);
      }
      ResolvedDeployment effective;
      Map<VersionNumber, ServedVersion> next = new TreeMap<>();
      if (reloadAll) {
        effective = target;
        next.putAll(candidates);
      } else {
        effective = fallBack(target, candidates, current);
        if (effective != null) {
          for (VersionNumber v : effective.versions()) {
            ServedVersion s = candidates.get(v);
            next.put(v, s != null && s.isReady() ? s : current.versions().get(v));
          }
        }
      }
      String failure = failures.isEmpty() ? "" : String.join("; ", failures);
      Routing previous = current;
      ResolvedDeployment live = effective;
      loader
          .tracer()
          .step(
              ServingTracer.SWITCH,
              name,
              effective == null ? null : effective.primary(),
              () -> {
                entry.routing = new Routing(Collections.unmodifiableMap(next), live, failure);
              });
      Set<ServedVersion> kept = Collections.newSetFromMap(new IdentityHashMap<>());
      kept.addAll(next.values());
      List<ServedVersion> retired = new ArrayList<>();
      for (ServedVersion v : previous.versions().values()) {
        if (!kept.contains(v)) {
          retired.add(v);
        }
      }
      for (ServedVersion v : fresh) {
        if (!kept.contains(v)) {
          retired.add(v);
        } else if (!reloadAll && v.isReady()) {
          observer.rollout(name, v.version(), true);
          LOG.infof(
              "Model '%s' version %s is live as %s",
              name, v.version(), effective.roleOf(v.version()).tag());
        }
      }
      drainAll(retired);
      observer.liveVersions(name, liveCounts(entry.routing));
      // loading (graph optimisation, warm-up) and the previous versions freed native memory
      trimmer.trim();
      return failures;
    }
  }

  private ServedVersion loadVersion(
      ModelDefinition definition, ModelArtifact artifact, List<String> failures, boolean rollout) {
    String name = definition.name();
    ServedVersion version = new ServedVersion(artifact);
    long start = System.nanoTime();
    try {
      ModelRuntime runtime =
          loader
              .tracer()
              .step(
                  ServingTracer.LOAD,
                  name,
                  artifact.version(),
                  () -> loader.load(definition, artifact));
      version.markReady(runtime);
      observer.loaded(name, artifact.version(), runtime.batcher(), System.nanoTime() - start);
    } catch (RuntimeException e) {
      String reason = e.getMessage();
      version.markFailed(reason);
      failures.add("version " + artifact.version() + ": " + reason);
      if (rollout) {
        observer.rollout(name, artifact.version(), false);
        LOG.errorf(
            "Rollout of model '%s' version %s failed, the current version keeps serving: %s",
            name, artifact.version(), reason);
      } else {
        LOG.errorf("Model '%s' version %s failed to load: %s", name, artifact.version(), reason);
      }
    }
    return version;
  }

  /**
   * The deployment actually served: each role gets its target version if that one is ready, else
   * the version it had before (if still ready), else nothing; null when no primary is available.
   */
  private static ResolvedDeployment fallBack(
      ResolvedDeployment target, Map<VersionNumber, ServedVersion> candidates, Routing current) {
    ResolvedDeployment before = current.deployment();
    Optional<VersionNumber> primary =
        ready(Optional.of(target.primary()), candidates)
            .or(
                () ->
                    before == null
                        ? Optional.empty()
                        : ready(Optional.of(before.primary()), current.versions()));
    if (primary.isEmpty()) {
      return null;
    }
    Optional<VersionNumber> canary =
        ready(target.canary(), candidates)
            .or(
                () ->
                    target.canary().isPresent() && before != null
                        ? ready(before.canary(), current.versions())
                        : Optional.empty());
    Optional<VersionNumber> shadow =
        ready(target.shadow(), candidates)
            .or(
                () ->
                    target.shadow().isPresent() && before != null
                        ? ready(before.shadow(), current.versions())
                        : Optional.empty());
    Set<VersionNumber> pinned = new TreeSet<>();
    for (VersionNumber p : target.pinned()) {
      ready(Optional.of(p), candidates).ifPresent(pinned::add);
    }
    return new ResolvedDeployment(
        primary.get(),
        canary.filter(c -> !c.equals(primary.get())),
        target.canaryWeight(),
        shadow.filter(s -> !s.equals(primary.get())),
        pinned);
  }

  private static Optional<VersionNumber> ready(
      Optional<VersionNumber> version, Map<VersionNumber, ServedVersion> versions) {
    return version.filter(v -> versions.get(v) != null && versions.get(v).isReady());
  }

  /** Unloads every version of {@code name} and forgets its deployment (registry: model gone). */
  public void retire(String name) {
    ServedModel entry = models.get(name);
    if (entry == null) {
      return;
    }
    synchronized (entry) {
      Collection<ServedVersion> previous = entry.routing.versions().values();
      entry.routing = Routing.EMPTY;
      if (drainAll(previous)) {
        trimmer.trim();
      }
      observer.liveVersions(name, liveCounts(entry.routing));
    }
  }

  /**
   * Unloads every version of {@code name}: new requests get 503 at once, queued ones finish, then
   * the engine models are closed.
   *
   * @throws ModelNotFoundException when the model is neither loaded nor in the source
   */
  public void unload(String name) {
    ModelNames.requireValid(name);
    ServedModel entry = models.get(name);
    if (entry == null) {
      if (source.modelNames().contains(name)) {
        return; // known, already not loaded
      }
      throw new ModelNotFoundException("model '" + name + "' is not in the model repository");
    }
    synchronized (entry) {
      if (drainAll(entry.routing.versions().values())) {
        trimmer.trim();
      }
    }
  }

  /**
   * The ready version a request goes to: {@code version} if given, else the primary version.
   *
   * @throws ModelNotFoundException for an unknown model or version
   * @throws ModelNotReadyException when the version is not ready (loading, unloaded, failed) or the
   *     server is shutting down
   */
  public ServedVersion resolve(String name, Optional<VersionNumber> version) {
    return route(name, version, null).version();
  }

  /**
   * Where a request goes: the named version (any role) if given; else the canary for its share
   * (sticky by {@code routeKey} when there is one), else the primary, with the shadow to copy
   * primary requests to.
   *
   * @param routeKey the request's routing key, or null
   */
  public Route route(String name, Optional<VersionNumber> version, String routeKey) {
    ServedModel entry = models.get(name);
    Routing r = entry == null ? Routing.EMPTY : entry.routing;
    ServedVersion v;
    Role role;
    Optional<ServedVersion> shadow = Optional.empty();
    if (version.isPresent() || r.deployment() == null) {
      v = find(name, version);
      role = r.deployment() == null ? Role.PRIMARY : r.deployment().roleOf(v.version());
    } else {
      ResolvedDeployment d = r.deployment();
      ServedVersion canaryVersion = d.canary().map(r.versions()::get).orElse(null);
      if (canaryVersion != null
          && canaryVersion.isReady()
          && canary.toCanary(d.canaryWeight(), routeKey)) {
        v = canaryVersion;
        role = Role.CANARY;
      } else {
        v = r.versions().get(d.primary());
        role = Role.PRIMARY;
        shadow = d.shadow().map(r.versions()::get).filter(ServedVersion::isReady);
      }
    }
    if (!accepting) {
      throw new ModelNotReadyException("the server is shutting down");
    }
    if (!v.isReady()) {
      throw new ModelNotReadyException(
          "model '" + name + "' version " + v.version() + " is not ready: " + v.state().reason());
    }
    return new Route(v, role, shadow);
  }

  /**
   * Whether the version answers inference requests now (both edges' model readiness): ready, and
   * the server not shutting down; false while it loads or drains.
   *
   * @throws dev.modelport.serving.error.ModelNotFoundException for an unknown model or version
   */
  public boolean isReady(String name, Optional<VersionNumber> version) {
    try {
      return find(name, version).isReady() && accepting();
    } catch (ModelNotReadyException e) {
      return false;
    }
  }

  /** The version, ready or not (metadata and readiness); see {@link #resolve} for errors. */
  public ServedVersion find(String name, Optional<VersionNumber> version) {
    ServedModel entry = models.get(name);
    if (entry == null || entry.routing.versions().isEmpty()) {
      if (entry != null && !entry.routing.failure().isEmpty()) {
        throw new ModelNotReadyException(
            "model '" + name + "' has no version ready: " + entry.routing.failure());
      }
      if (source.modelNames().contains(name)) {
        throw new ModelNotReadyException("model '" + name + "' is not loaded");
      }
      throw new ModelNotFoundException("model '" + name + "' is not known");
    }
    Routing r = entry.routing;
    if (version.isEmpty()) {
      ServedVersion v = r.deployment() == null ? null : r.versions().get(r.deployment().primary());
      if (v == null) {
        throw new ModelNotReadyException("model '" + name + "' has no default version loaded");
      }
      return v;
    }
    VersionNumber number = version.get();
    ServedVersion v = r.versions().get(number);
    if (v == null) {
      throw new ModelNotFoundException(
          "model '"
              + name
              + "' has no version "
              + number
              + " loaded; loaded versions: "
              + r.versions().keySet());
    }
    return v;
  }

  /** The role of each loaded version of {@code name}, ascending by version; empty if none. */
  public Map<VersionNumber, Role> roles(String name) {
    ServedModel entry = models.get(name);
    Map<VersionNumber, Role> roles = new TreeMap<>();
    if (entry != null && entry.routing.deployment() != null) {
      for (VersionNumber v : entry.routing.versions().keySet()) {
        roles.put(v, entry.routing.deployment().roleOf(v));
      }
    }
    return roles;
  }

  /** The last rollout failure of {@code name} (empty when its last rollout succeeded). */
  public String failure(String name) {
    ServedModel entry = models.get(name);
    return entry == null ? "" : entry.routing.failure();
  }

  /** The canary weight of {@code name}'s deployment, 0 without a canary. */
  public int canaryWeight(String name) {
    ServedModel entry = models.get(name);
    ResolvedDeployment d = entry == null ? null : entry.routing.deployment();
    return d == null || d.canary().isEmpty() ? 0 : d.canaryWeight();
  }

  /** All versions known to the manager, by model then version. */
  public List<ServedVersion> versions() {
    List<ServedVersion> all = new ArrayList<>();
    new TreeMap<>(models).values().forEach(m -> all.addAll(m.routing.versions().values()));
    return all;
  }

  /** Whether {@code name} has an entry here (served, loading, or failed to load); cheap. */
  public boolean hasEntry(String name) {
    return models.containsKey(name);
  }

  /** Names of models held by the source or loaded, sorted. */
  public List<String> knownModels() {
    TreeSet<String> names = new TreeSet<>(source.modelNames());
    models.forEach(
        (name, m) -> {
          if (!m.routing.versions().isEmpty() || !m.routing.failure().isEmpty()) {
            names.add(name);
          }
        });
    return List.copyOf(names);
  }

  /** Refuses new requests (503), lets queued ones finish, then frees every model. */
  public void shutdown() {
    accepting = false;
    for (ServedModel m : models.values()) {
      synchronized (m) {
        drainAll(m.routing.versions().values());
      }
    }
  }

  private static Map<Role, Integer> liveCounts(Routing routing) {
    Map<Role, Integer> counts = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      counts.put(role, 0);
    }
    if (routing.deployment() != null) {
      routing
          .versions()
          .forEach(
              (v, s) -> {
                if (s.isReady()) {
                  counts.merge(routing.deployment().roleOf(v), 1, Integer::sum);
                }
              });
    }
    return counts;
  }

  /** Drains and closes the ready versions among {@code versions}; true if there were any. */
  private boolean drainAll(Collection<ServedVersion> versions) {
    Map<ServedVersion, ModelRuntime> draining = new IdentityHashMap<>();
    for (ServedVersion v : versions) {
      ModelRuntime runtime = v.beginDrain();
      if (runtime != null) {
        draining.put(v, runtime);
      }
    }
    for (Map.Entry<ServedVersion, ModelRuntime> e : draining.entrySet()) {
      ServedVersion v = e.getKey();
      try {
        loader
            .tracer()
            .step(
                ServingTracer.DRAIN,
                v.model(),
                v.version(),
                () -> e.getValue().close(drainTimeout));
      } finally {
        v.markUnloaded();
        observer.unloaded(v.model(), v.version(), e.getValue().batcher());
        LOG.infof("Unloaded model '%s' version %s", v.model(), v.version());
      }
    }
    return !draining.isEmpty();
  }

  /**
   * A model's routing: loaded versions, the deployment they serve (null before the first load or
   * when nothing is ready) and the last rollout failure. Replaced as a whole.
   */
  private record Routing(
      Map<VersionNumber, ServedVersion> versions, ResolvedDeployment deployment, String failure) {
    static final Routing EMPTY = new Routing(Map.of(), null, "");
  }

  /** A model's routing, replaced under the entry's lock, read without it. */
  private static final class ServedModel {
    private volatile Routing routing = Routing.EMPTY;

    /** Failures already reported, by artifact (or unavailable version and reason). */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
  }
}

package dev.modelport.serving.registry;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.ChecksumMismatchException;
import dev.modelport.registryclient.EventSubscription;
import dev.modelport.registryclient.RegistryApiException;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.RegisteredModel;
import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.metrics.ServingMetrics;
import dev.modelport.serving.model.Deployment;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.model.ModelDefinition;
import dev.modelport.serving.model.ResolvedDeployment;
import dev.modelport.serving.model.Selector;
import dev.modelport.serving.tracing.ServingTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The registry source: makes what serves follow the registry. A reconciliation lists the models,
 * resolves each deployment's selectors (configured, else {@code default-selector}), fetches the
 * selected artifacts into the {@link ArtifactCache}, rolls each model out ({@link
 * ModelManager#apply}) and persists the resolved deployments ({@link ResolvedState}). It runs at
 * start, on every change-feed event (long poll through registry-client, coalesced) and every {@code
 * reconcile-interval}. When the registry is unreachable at start, the persisted deployments are
 * served from the cache; while it is unreachable later, what is loaded keeps serving and the next
 * reconciliation retries. One reconciliation at a time, on one thread.
 */
@ApplicationScoped
public class RegistrySync {

  private static final Logger LOG = Logger.getLogger(RegistrySync.class);

  @Inject ServingConfig config;
  @Inject RegistryGateway registry;
  @Inject ModelManager models;
  @Inject ServingMetrics metrics;
  @Inject ServingTracer tracer;

  private final Map<String, ModelVersion> metadata = new ConcurrentHashMap<>();

  /**
   * Reasons of downloads refused (bytes not hashing to the registry's SHA-256), by model, version
   * and digest: such a version is not downloaded again by later reconciliations (ADR 0004).
   */
  private final Map<String, String> refusedDownloads = new ConcurrentHashMap<>();

  private final Set<String> served = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean pending = new AtomicBoolean();
  private ArtifactCache cache;
  private volatile ScheduledExecutorService executor;
  private volatile EventSubscription feed;
  private volatile ResolvedState state = new ResolvedState(1, List.of());

  /** Names of the models served now (the source's model list). */
  public List<String> modelNames() {
    return List.copyOf(new java.util.TreeSet<>(served));
  }

  /** First reconciliation (or the persisted deployments), then the feed and the periodic one. */
  public void start() {
    cache = new ArtifactCache(config.cacheDir(), tracer);
    metrics.cacheBytes(cache::bytes);
    Map<String, Deployment> configured = configured();
    LOG.infof(
        "Serving from the registry at %s; deployments %s, else %s",
        config.registry().url().map(Object::toString).orElse("(none)"),
        configured.keySet(),
        config.defaultSelector());
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.warnf(
          "The registry is unreachable (%s): serving the last resolved deployments from %s",
          e.toString(), config.cacheDir());
      serveFromCache();
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "registry-sync");
              t.setDaemon(true);
              return t;
            });
    long interval = config.registry().reconcileInterval().toMillis();
    executor.scheduleWithFixedDelay(
        this::reconcileQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** Stops the feed and the reconciliation thread. */
  public void stop() {
    EventSubscription f = feed;
    if (f != null) {
      f.close();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** Queues a reconciliation unless one is queued already. */
  void trigger() {
    if (executor != null && pending.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            pending.set(false);
            reconcileQuietly();
          });
    }
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.warnf("Reconciling with the registry failed, serving what is loaded: %s", e.toString());
    }
  }

  /** One reconciliation; throws when the registry cannot be reached. */
  synchronized void reconcile() {
    List<RegisteredModel> registered = registry.models();
    startFeed();
    Map<String, Deployment> configured = configured();
    Selector fallback =
        Selector.parse(config.defaultSelector(), "modelport.serving.default-selector");
    List<ResolvedState.Entry> entries = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (RegisteredModel model : registered) {
      Deployment deployment =
          configured.getOrDefault(model.name(), Deployment.primaryOnly(model.name(), fallback));
      Optional<ResolvedDeployment> target = resolve(deployment, model);
      if (target.isEmpty()) {
        continue;
      }
      present.add(model.name());
      ResolvedState.Entry entry = rollOut(model.name(), target.get(), true);
      if (entry != null) {
        entries.add(entry);
      }
    }
    for (String name : new ArrayList<>(served)) {
      if (!present.contains(name)) {
        LOG.infof("Model '%s' is no longer selected in the registry: unloading it", name);
        models.retire(name);
        served.remove(name);
      }
    }
    state = new ResolvedState(1, entries);
    state.write(stateFile());
  }

  private void startFeed() {
    if (feed != null) {
      return;
    }
    long seq = registry.lastEventSeq();
    feed = registry.client().followEvents(seq, config.registry().pollWait(), event -> trigger());
  }

  /** Rolls {@code name} out; returns its state entry, null when nothing of it could be served. */
  private ResolvedState.Entry rollOut(String name, ResolvedDeployment target, boolean online) {
    Span span = tracer.startRollout(name);
    try (Scope ignored = span.makeCurrent()) {
      ResolvedState.Entry entry = rollOutTraced(name, target, online);
      ServingTracer.end(span, null);
      return entry;
    } catch (RuntimeException | Error e) {
      ServingTracer.end(span, e);
      throw e;
    }
  }

  private ResolvedState.Entry rollOutTraced(
      String name, ResolvedDeployment target, boolean online) {
    TreeMap<VersionNumber, ModelArtifact> artifacts = new TreeMap<>();
    Map<VersionNumber, String> unavailable = new HashMap<>();
    List<ModelVersion> versions = new ArrayList<>();
    for (VersionNumber v : target.versions()) {
      String refusal = null;
      try {
        ModelVersion mv = online ? metadata(name, v) : metadata.get(key(name, v));
        if (online) {
          refusal = key(name, v) + '\0' + mv.artifact().sha256();
          String refusedBefore = refusedDownloads.get(refusal);
          if (refusedBefore != null) {
            unavailable.put(v, refusedBefore);
            continue;
          }
        }
        Path file =
            online
                ? cache.fetch(
                    name,
                    v,
                    mv.artifact().sha256(),
                    format(mv),
                    out ->
                        tracer.step(
                            ServingTracer.DOWNLOAD, name, v, () -> registry.download(name, v, out)))
                : cachedOnly(mv);
        artifacts.put(v, artifact(mv, file));
        versions.add(mv);
      } catch (ArtifactRefusedException | ChecksumMismatchException e) {
        String reason = "artifact refused: " + e.getMessage();
        if (refusal != null) {
          refusedDownloads.put(refusal, reason);
        }
        unavailable.put(v, reason);
      } catch (RegistryApiException e) {
        unavailable.put(v, "the registry answered " + e.status() + ": " + e.getMessage());
      }
    }
    ModelVersion hints =
        versions.stream()
            .filter(mv -> mv.version().equals(target.primary()))
            .findFirst()
            .orElse(versions.isEmpty() ? null : versions.get(0));
    ModelDefinition definition = artifacts.isEmpty() ? null : definition(name, artifacts, hints);
    models.apply(name, definition, target, false, unavailable);
    served.add(name);
    if (versions.isEmpty()) {
      return null;
    }
    return new ResolvedState.Entry(
        name,
        target.primary(),
        target.canary().orElse(null),
        target.canaryWeight(),
        target.shadow().orElse(null),
        versions);
  }

  private Path cachedOnly(ModelVersion mv) {
    Path file = cache.blob(mv.artifact().sha256(), format(mv));
    if (!ArtifactCache.verified(file, mv.artifact().sha256())) {
      throw new ArtifactRefusedException(
          "the cached artifact "
              + file
              + " is missing or does not hash to "
              + mv.artifact().sha256());
    }
    return file;
  }

  /** Serves the persisted deployments from the cache (registry unreachable at start). */
  private void serveFromCache() {
    Optional<ResolvedState> persisted;
    try {
      persisted = ResolvedState.read(stateFile());
    } catch (RuntimeException e) {
      LOG.errorf("Cannot read the last resolved deployments: %s", e.getMessage());
      return;
    }
    if (persisted.isEmpty()) {
      LOG.warnf(
          "No resolved deployments in %s yet: nothing to serve until the registry answers",
          stateFile());
      return;
    }
    state = persisted.get();
    for (ResolvedState.Entry e : state.models()) {
      e.versions().forEach(mv -> metadata.put(key(mv.model(), mv.version()), mv));
      ResolvedDeployment target =
          new ResolvedDeployment(
              e.primary(),
              Optional.ofNullable(e.canary()),
              e.canaryWeight(),
              Optional.ofNullable(e.shadow()),
              Set.of());
      try {
        rollOut(e.model(), target, false);
      } catch (RuntimeException ex) {
        LOG.errorf("Model '%s' cannot be served from the cache: %s", e.model(), ex.getMessage());
      }
    }
  }

  /** The deployment's selectors resolved against the registry; empty when no primary resolves. */
  private Optional<ResolvedDeployment> resolve(Deployment d, RegisteredModel model) {
    Optional<VersionNumber> primary = resolve(d.primary(), model);
    if (primary.isEmpty()) {
      return Optional.empty();
    }
    Optional<VersionNumber> canary = d.canary().flatMap(s -> resolve(s, model));
    Optional<VersionNumber> shadow = d.shadow().flatMap(s -> resolve(s, model));
    return Optional.of(
        new ResolvedDeployment(
            primary.get(),
            canary.filter(c -> !c.equals(primary.get())),
            d.canaryWeight(),
            shadow.filter(s -> !s.equals(primary.get())),
            Set.of()));
  }

  private static Optional<VersionNumber> resolve(Selector selector, RegisteredModel model) {
    if (selector instanceof Selector.Alias a) {
      return Optional.ofNullable(model.aliases().get(a.name()));
    }
    VersionNumber pinned = ((Selector.Pinned) selector).version();
    return pinned.value() <= model.latestVersion() ? Optional.of(pinned) : Optional.empty();
  }

  private ModelVersion metadata(String model, VersionNumber version) {
    // versions are immutable: their metadata is fetched once
    return metadata.computeIfAbsent(key(model, version), k -> registry.version(model, version));
  }

  private Map<String, Deployment> configured() {
    Map<String, Deployment> out = new LinkedHashMap<>();
    config
        .deployments()
        .forEach(
            (model, c) -> {
              String prefix = "modelport.serving.deployments.\"" + model + "\".";
              Selector primary =
                  Selector.parse(
                      c.primary().orElse(config.defaultSelector()),
                      c.primary().isPresent()
                          ? prefix + "primary"
                          : "modelport.serving.default-selector");
              out.put(
                  model,
                  new Deployment(
                      model,
                      primary,
                      c.canary().map(s -> Selector.parse(s, prefix + "canary")),
                      c.canaryWeight(),
                      c.shadow().map(s -> Selector.parse(s, prefix + "shadow"))));
            });
    return out;
  }

  private Path stateFile() {
    return config.cacheDir().resolve("deployments.json");
  }

  private static String key(String model, VersionNumber version) {
    return model + '\0' + version;
  }

  private static dev.modelport.serving.model.ModelFormat format(ModelVersion mv) {
    return mv.artifact().format() == dev.modelport.registryclient.api.ArtifactFormat.ONNX
        ? dev.modelport.serving.model.ModelFormat.ONNX
        : dev.modelport.serving.model.ModelFormat.TORCHSCRIPT;
  }

  private static ModelArtifact artifact(ModelVersion mv, Path file) {
    return new ModelArtifact(
        mv.model(),
        mv.version(),
        file,
        format(mv),
        Optional.ofNullable(mv.signature()),
        Optional.of(mv.artifact().sha256()));
  }

  /**
   * The definition of a registry model: engine, warm-up defaults; batching from the primary's
   * hints.
   */
  private ModelDefinition definition(
      String name, TreeMap<VersionNumber, ModelArtifact> artifacts, ModelVersion primary) {
    return new ModelDefinition(
        name, config.cacheDir(), RegistryServing.config(primary.serving()), artifacts);
  }
}

package dev.modelport.serving.lifecycle;

import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.engine.DjlSystemProperties;
import dev.modelport.serving.registry.RegistrySync;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the configured models at startup and drains them at shutdown. Startup first applies the DJL
 * system properties ({@link DjlSystemProperties}, the one place that does), before any engine
 * starts, then loads the models. The server reports ready ({@link #isStarted()}) once the startup
 * loads have finished, whether or not each succeeded; a model that failed shows as UNAVAILABLE in
 * the repository index with its reason.
 *
 * <p>Shutdown has two steps. At SIGTERM ({@link ShutdownDelayInitiatedEvent}, the first thing
 * Quarkus does, with {@code quarkus.shutdown.delay-enabled}) the server begins draining: readiness
 * reports down and the edges refuse new requests (REST 503 with {@code Connection: close}, gRPC
 * UNAVAILABLE) while the requests already received are answered. Once Quarkus has waited for those
 * ({@code quarkus.shutdown.timeout}), {@link ShutdownEvent} stops the registry source and drains
 * the models' queues ({@code modelport.serving.drain-timeout}).
 */
@ApplicationScoped
public class ServingLifecycle {

  private static final Logger LOG = Logger.getLogger(ServingLifecycle.class);

  @Inject ServingConfig config;
  @Inject ModelManager models;
  @Inject Instance<RegistrySync> registry;

  private volatile boolean started;
  private volatile boolean draining;

  void onStart(@Observes @Priority(10) StartupEvent event) {
    DjlSystemProperties.apply(
        config.engine().pytorch().threads(), config.engine().pytorch().interopThreads());
    NativeHeapTrimmer.arenaWarning(System.getProperty("os.name"), System.getenv())
        .ifPresent(LOG::warn);
    if (config.source() == ServingConfig.Source.registry) {
      registry.get().start();
      started = true;
      return;
    }
    List<String> names = config.models().orElseGet(() -> models.source().modelNames());
    if (names.size() == 1 && names.get(0).equals("none")) {
      names = List.of();
    }
    LOG.infof("Serving from %s %s; loading %s", config.source(), config.repository(), names);
    for (String name : names) {
      try {
        models.load(name);
      } catch (RuntimeException e) {
        LOG.errorf("Model '%s' is not served: %s", name, e.getMessage());
      }
    }
    started = true;
  }

  void onShutdownRequested(@Observes @Priority(10) ShutdownDelayInitiatedEvent event) {
    beginDraining();
  }

  /** From now on readiness reports down and the edges refuse new requests. Idempotent. */
  public void beginDraining() {
    if (!draining) {
      draining = true;
      LOG.info(
          "Shutdown requested: readiness is down, new requests are refused (REST 503, gRPC"
              + " UNAVAILABLE); requests already received are being answered");
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    beginDraining();
    LOG.info("Shutting down: finishing queued requests, then unloading the models");
    if (config.source() == ServingConfig.Source.registry) {
      registry.get().stop();
    }
    models.shutdown();
  }

  /** True once the startup loads have finished and until shutdown begins. */
  public boolean isStarted() {
    return started && !draining && models.accepting();
  }

  /** True from the shutdown request on: the edges refuse new requests. */
  public boolean isDraining() {
    return draining;
  }
}

package dev.modelport.serving.lifecycle;

import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.engine.DjlSystemProperties;
import dev.modelport.serving.registry.RegistrySync;
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
 */
@ApplicationScoped
public class ServingLifecycle {

  private static final Logger LOG = Logger.getLogger(ServingLifecycle.class);

  @Inject ServingConfig config;
  @Inject ModelManager models;
  @Inject Instance<RegistrySync> registry;

  private volatile boolean started;

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

  void onStop(@Observes ShutdownEvent event) {
    LOG.info("Shutting down: refusing new requests, finishing queued ones");
    if (config.source() == ServingConfig.Source.registry) {
      registry.get().stop();
    }
    models.shutdown();
  }

  /** True once the startup loads have finished and until shutdown begins. */
  public boolean isStarted() {
    return started && models.accepting();
  }
}

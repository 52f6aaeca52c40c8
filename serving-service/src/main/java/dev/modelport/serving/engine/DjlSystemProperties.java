package dev.modelport.serving.engine;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DJL system properties the service depends on, set before any engine starts (engines read them
 * once, at initialisation). The service applies them once, at startup, before the first model loads
 * ({@code ServingLifecycle}); nothing else calls {@link #apply}. Thread-safe.
 */
public final class DjlSystemProperties {

  private static final AtomicInteger APPLICATIONS = new AtomicInteger();

  private DjlSystemProperties() {}

  /**
   * Sets {@code ai.djl.offline=true} (nothing downloaded at run time; natives come from the class
   * path) and {@code ai.djl.pytorch.graph_optimizer=false} (the profiling executor would
   * re-optimise TorchScript graphs for every new batch shape, see DESIGN.md), plus PyTorch's
   * process-wide thread counts when given. Values already set on the command line win.
   */
  public static void apply(
      Optional<Integer> pytorchThreads, Optional<Integer> pytorchInteropThreads) {
    APPLICATIONS.incrementAndGet();
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    pytorchThreads.ifPresent(n -> setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(n)));
    pytorchInteropThreads.ifPresent(
        n -> setIfAbsent("ai.djl.pytorch.num_interop_threads", Integer.toString(n)));
  }

  /** How many times {@link #apply} has run in this class loader: 1 in a started service. */
  public static int applications() {
    return APPLICATIONS.get();
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}

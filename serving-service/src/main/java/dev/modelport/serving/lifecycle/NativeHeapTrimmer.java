package dev.modelport.serving.lifecycle;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jboss.logging.Logger;

/**
 * Gives native memory freed by closed engine models back to the operating system. ONNX Runtime and
 * PyTorch free a model's weights and buffers into the C allocator, which (glibc) keeps the pages of
 * its arenas resident; without a trim, each load and unload leaves tens of megabytes behind until
 * every arena has grown to its high-water mark.
 *
 * <p>Uses the JVM's own {@code System.trim_native_heap} diagnostic command (glibc's {@code
 * malloc_trim}; JDK 17.0.9 and later), through the platform MBean server, so it needs nothing
 * native of its own. Where the command is missing (another C library, an older JVM) the first call
 * logs that once and later calls do nothing. Thread-safe; a trim takes milliseconds.
 */
public final class NativeHeapTrimmer {

  private static final Logger LOG = Logger.getLogger(NativeHeapTrimmer.class);
  private static final String OPERATION = "systemTrimNativeHeap";

  private final AtomicLong trims = new AtomicLong();
  private volatile boolean available;

  /**
   * @param enabled false makes {@link #trim} do nothing ({@code
   *     modelport.serving.trim-native-heap})
   */
  public NativeHeapTrimmer(boolean enabled) {
    this.available = enabled;
  }

  /**
   * Trims the native heap.
   *
   * @return what the JVM reported (sizes before and after), or empty when trimming is off or not
   *     available
   */
  public String trim() {
    if (!available) {
      return "";
    }
    trims.incrementAndGet();
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Object result =
          server.invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              OPERATION,
              new Object[] {new String[0]},
              new String[] {String[].class.getName()});
      String report = String.valueOf(result).trim();
      LOG.debugf("Trimmed the native heap after an unload: %s", report);
      return report;
    } catch (JMException | RuntimeException e) {
      available = false;
      LOG.infof(
          "This JVM cannot trim the native heap (%s): memory freed by unloaded models may stay resident. "
              + "Run on JDK 17.0.9+ with glibc, or set MALLOC_ARENA_MAX=2 to bound it.",
          e);
      return "";
    }
  }

  /**
   * The startup warning for a Linux process whose C allocator may keep up to 8 arenas per core
   * ({@code MALLOC_ARENA_MAX} not set), which trimming cannot fully release.
   *
   * @return the warning, or empty when the variable is set or the system is not Linux
   */
  public static Optional<String> arenaWarning(String osName, Map<String, String> environment) {
    if (osName == null
        || !osName.toLowerCase(Locale.ROOT).contains("linux")
        || environment.containsKey("MALLOC_ARENA_MAX")) {
      return Optional.empty();
    }
    return Optional.of(
        "MALLOC_ARENA_MAX is not set: the engines' native memory may stay resident in up to 8 "
            + "allocator arenas per core, and each model load or unload can grow the process by tens of megabytes. "
            + "Start the service with MALLOC_ARENA_MAX=2 in its environment (./modelport up does).");
  }

  /** Trims attempted so far. */
  public long trims() {
    return trims.get();
  }
}

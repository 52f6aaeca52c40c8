package dev.modelport.registry.cleanup;

import dev.modelport.registry.RegistryConfig;
import dev.modelport.registry.storage.BlobStore;
import dev.modelport.registry.storage.Freed;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registry.storage.Sha256;
import dev.modelport.registry.storage.Sql;
import dev.modelport.registry.version.UploadSpool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Removes what crashes and refused uploads leave behind, at startup and every {@code
 * modelport.registry.cleanup.interval}: spooled upload parts ({@code kind=spool}), the blob store's
 * uncommitted temporaries ({@code kind=temp}) and blobs that no version references ({@code
 * kind=orphan-blob}), each only when older than {@code modelport.registry.cleanup.grace}. This is
 * the only place that deletes blobs: a blob is content-addressed and may be re-used by an upload at
 * any moment, and the grace period (a re-used blob's age restarts) keeps one that a version is
 * about to reference. Counts {@code modelport.registry.cleanups} and {@code
 * modelport.registry.cleanup.freed} (bytes) by kind and logs one INFO line per sweep. Runs on one
 * thread of its own; {@link #sweep} is also safe to call directly (serialised).
 */
@ApplicationScoped
public class StorageCleanup {
  private static final Logger LOG = Logger.getLogger(StorageCleanup.class);

  private final RegistryDatabase database;
  private final BlobStore blobs;
  private final MeterRegistry meters;
  private final RegistryConfig.Cleanup config;
  private ScheduledExecutorService schedule;

  @Inject
  StorageCleanup(
      RegistryDatabase database, BlobStore blobs, MeterRegistry meters, RegistryConfig config) {
    this.database = database;
    this.blobs = blobs;
    this.meters = meters;
    this.config = config.cleanup();
    for (String kind : new String[] {"spool", "temp", "orphan-blob"}) {
      counter(kind);
      freedCounter(kind);
    }
  }

  void start(@Observes StartupEvent started) {
    schedule =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "modelport-registry-cleanup");
              t.setDaemon(true);
              return t;
            });
    schedule.scheduleWithFixedDelay(
        this::sweepLogged, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent stopping) {
    if (schedule != null) {
      schedule.shutdownNow();
    }
  }

  private void sweepLogged() {
    try {
      sweep(config.grace());
    } catch (RuntimeException e) {
      LOG.warnf("Storage clean-up failed, retrying in %s: %s", config.interval(), e.toString());
    }
  }

  /** Removes everything stale older than {@code grace}; returns what it freed by kind. */
  public synchronized Result sweep(Duration grace) {
    Instant cutoff = Instant.now().minus(grace);
    Freed spool = deleteSpoolFilesBefore(cutoff);
    Freed temp;
    try {
      temp = blobs.deleteTemporariesBefore(cutoff);
    } catch (IOException e) {
      LOG.warnf("Could not clean the blob store's temporary files: %s", e.toString());
      temp = Freed.NOTHING;
    }
    Freed orphans = deleteOrphanBlobsBefore(cutoff);
    Result result = new Result(spool, temp, orphans);
    record("spool", spool);
    record("temp", temp);
    record("orphan-blob", orphans);
    LOG.infof(
        "Storage clean-up: removed %d spool files (%d bytes), %d temporary blob files (%d bytes),"
            + " %d orphan blobs (%d bytes) older than %s",
        spool.count(),
        spool.bytes(),
        temp.count(),
        temp.bytes(),
        orphans.count(),
        orphans.bytes(),
        grace);
    return result;
  }

  private Freed deleteSpoolFilesBefore(Instant cutoff) {
    Path dir = UploadSpool.directory();
    if (!Files.isDirectory(dir)) {
      return Freed.NOTHING;
    }
    Freed freed = Freed.NOTHING;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        try {
          if (Files.isRegularFile(file)
              && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
            long size = Files.size(file);
            if (Files.deleteIfExists(file)) {
              freed = freed.plus(size);
            }
          }
        } catch (NoSuchFileException gone) {
          // its upload finished meanwhile
        }
      }
    } catch (IOException e) {
      LOG.warnf("Could not clean the upload spool %s: %s", dir, e.toString());
    }
    return freed;
  }

  private Freed deleteOrphanBlobsBefore(Instant cutoff) {
    Freed freed = Freed.NOTHING;
    try {
      Set<String> referenced = referencedDigests();
      for (Sha256 digest : blobs.list()) {
        if (referenced.contains(digest.hex())) {
          continue;
        }
        Optional<Instant> storedAt = blobs.storedAt(digest);
        if (storedAt.isEmpty() || !storedAt.get().isBefore(cutoff)) {
          continue;
        }
        // looked up again just before: a version may have referenced it since the listing
        if (database.read(c -> isReferenced(c, digest))) {
          continue;
        }
        long size = blobs.size(digest).orElse(0L);
        if (blobs.delete(digest)) {
          freed = freed.plus(size);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warnf("Could not clean orphan blobs: %s", e.toString());
    }
    return freed;
  }

  private Set<String> referencedDigests() {
    return database.read(
        c ->
            new HashSet<>(
                Sql.list(
                    c,
                    "SELECT DISTINCT artifact_sha256 FROM model_versions",
                    r -> r.getString(1).trim())));
  }

  private static boolean isReferenced(java.sql.Connection c, Sha256 digest)
      throws java.sql.SQLException {
    return Sql.one(
                c,
                "SELECT COUNT(*) FROM model_versions WHERE artifact_sha256 = ?",
                r -> r.getLong(1),
                digest.hex())
            .orElse(0L)
        > 0;
  }

  private void record(String kind, Freed freed) {
    counter(kind).increment(freed.count());
    freedCounter(kind).increment(freed.bytes());
  }

  private Counter counter(String kind) {
    return Counter.builder("modelport.registry.cleanups")
        .description("Files and blobs removed by the storage clean-up")
        .tag("kind", kind)
        .register(meters);
  }

  private Counter freedCounter(String kind) {
    return Counter.builder("modelport.registry.cleanup.freed")
        .description("Bytes freed by the storage clean-up")
        .baseUnit("bytes")
        .tag("kind", kind)
        .register(meters);
  }

  /** What one sweep removed, by kind. */
  public record Result(Freed spool, Freed temp, Freed orphanBlobs) {}
}

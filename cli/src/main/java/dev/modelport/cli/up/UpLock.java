package dev.modelport.cli.up;

import dev.modelport.cli.suite.SuiteEndpoints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code modelport up} per data folder: an exclusive lock on {@code <data-dir>/up.lock}, held
 * for the life of the process (the operating system releases it when the process ends, even on
 * {@code kill -9}, so a stale file never blocks), with the holder's pid written into the file.
 * {@link #close} deletes {@code up.properties} (the {@link SuiteEndpoints} file) and releases the
 * lock.
 *
 * <p>Taken before anything starts or any log is opened, so that a second {@code up} on the same
 * folder leaves the running one alone. Thread-safe: {@link #close} is idempotent.
 */
public final class UpLock implements AutoCloseable {

  /** The lock file name inside the data folder. */
  public static final String FILE_NAME = "up.lock";

  private final Path dataDir;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  private UpLock(Path dataDir, FileChannel channel, FileLock lock) {
    this.dataDir = dataDir;
    this.channel = channel;
    this.lock = lock;
  }

  /** Another {@code up} holds the data folder; {@code pid} when it could be told. */
  public static final class AlreadyRunningException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient OptionalLong pid;
    private final transient Optional<SuiteEndpoints> endpoints;

    AlreadyRunningException(Path dataDir, OptionalLong pid, Optional<SuiteEndpoints> endpoints) {
      super(
          "Modelport is already running on "
              + dataDir
              + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : " (it is starting)")
              + (endpoints.isPresent() ? "; serving at " + endpoints.get().serving() : "")
              + ". Stop it first (Ctrl-C in its terminal"
              + (pid.isPresent() ? " or kill " + pid.getAsLong() : "")
              + "), or give this one another --data-dir.");
      this.pid = pid;
      this.endpoints = endpoints;
    }

    public OptionalLong pid() {
      return pid;
    }

    public Optional<SuiteEndpoints> endpoints() {
      return endpoints;
    }
  }

  /**
   * Takes the data folder for this process (creating the folder if needed), removing a stale {@code
   * up.properties} left by an {@code up} that was killed.
   *
   * @throws AlreadyRunningException when another live process holds it
   * @throws IOException when the lock file cannot be created
   */
  public static UpLock acquire(Path dataDir) throws AlreadyRunningException, IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very JVM
    }
    if (lock == null) {
      OptionalLong holder = holderPid(channel);
      channel.close();
      Optional<SuiteEndpoints> endpoints = liveEndpoints(dataDir);
      if (holder.isEmpty() && endpoints.isPresent()) {
        holder = OptionalLong.of(endpoints.get().pid());
      }
      throw new AlreadyRunningException(dataDir, holder, endpoints);
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    channel.force(false);
    // We hold the lock, so whoever wrote an endpoints file is gone: it is stale.
    Files.deleteIfExists(SuiteEndpoints.file(dataDir));
    return new UpLock(dataDir, channel, lock);
  }

  /** The endpoints file of the data folder when the process it names is alive. */
  static Optional<SuiteEndpoints> liveEndpoints(Path dataDir) {
    return SuiteEndpoints.read(SuiteEndpoints.file(dataDir)).filter(SuiteEndpoints::processAlive);
  }

  /** The pid in the lock file, else the live pid of the endpoints file; empty when neither. */
  private static OptionalLong holderPid(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
      long pid = Long.parseLong(text.trim());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return OptionalLong.of(pid);
      }
    } catch (IOException | NumberFormatException e) {
      // the holder has not written its pid yet
    }
    return OptionalLong.empty();
  }

  /** Publishes where the suite answers ({@code up.properties}); call once everything is ready. */
  public synchronized void publish(SuiteEndpoints endpoints) {
    if (!closed) {
      endpoints.write(SuiteEndpoints.file(dataDir));
    }
  }

  /** Deletes {@code up.properties} (clients stop finding the suite), then releases the lock. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Files.deleteIfExists(SuiteEndpoints.file(dataDir));
    } catch (IOException e) {
      // a stale file is harmless: the next up removes it once it holds the lock
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }
}

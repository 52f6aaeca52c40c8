package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.cli.suite.SuiteEndpoints;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpLockTest {

  @TempDir Path dir;

  private static SuiteEndpoints endpoints(long pid) {
    return new SuiteEndpoints(
        pid,
        URI.create("http://127.0.0.1:18090"),
        URI.create("http://127.0.0.1:18080"),
        "127.0.0.1:18081",
        URI.create("http://127.0.0.1:18092"),
        "127.0.0.1:19092");
  }

  /** The pid of a process that has ended. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process.pid();
  }

  @Test
  void aSecondUpOnTheSameDataFolderIsToldTheLivePidOfTheFirst() throws Exception {
    try (UpLock first = UpLock.acquire(dir)) {
      first.publish(endpoints(ProcessHandle.current().pid()));

      assertThatThrownBy(() -> UpLock.acquire(dir))
          .isInstanceOf(UpLock.AlreadyRunningException.class)
          .hasMessageContaining("already running on " + dir)
          .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")")
          .hasMessageContaining("http://127.0.0.1:18080");
    }
  }

  @Test
  void whileTheFirstIsStillStartingThePidComesFromTheLockFile() throws Exception {
    try (UpLock first = UpLock.acquire(dir)) {
      assertThat(Files.readString(dir.resolve(UpLock.FILE_NAME)).strip())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));

      assertThatThrownBy(() -> UpLock.acquire(dir))
          .isInstanceOf(UpLock.AlreadyRunningException.class)
          .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")");
    }
  }

  @Test
  void aStaleEndpointsFileOfAKilledUpDoesNotBlockAndIsRemoved() throws Exception {
    long dead = deadPid();
    endpoints(dead).write(SuiteEndpoints.file(dir));
    Files.writeString(dir.resolve(UpLock.FILE_NAME), dead + "\n");
    assertThat(SuiteEndpoints.read(SuiteEndpoints.file(dir)).orElseThrow().processAlive())
        .isFalse();

    try (UpLock lock = UpLock.acquire(dir)) {
      assertThat(SuiteEndpoints.file(dir)).doesNotExist();
      assertThat(Files.readString(dir.resolve(UpLock.FILE_NAME)).strip())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
  }

  @Test
  void closingRemovesTheEndpointsFileAndFreesTheFolder() throws Exception {
    UpLock first = UpLock.acquire(dir);
    first.publish(endpoints(ProcessHandle.current().pid()));
    assertThat(SuiteEndpoints.file(dir)).exists();

    first.close();

    assertThat(SuiteEndpoints.file(dir)).doesNotExist();
    try (UpLock second = UpLock.acquire(dir)) {
      assertThat(second).isNotNull();
    }
  }

  @Test
  void nothingIsPublishedAfterClose() throws Exception {
    UpLock lock = UpLock.acquire(dir);
    lock.close();

    lock.publish(endpoints(ProcessHandle.current().pid()));

    assertThat(SuiteEndpoints.file(dir)).doesNotExist();
  }
}

package dev.modelport.deploy.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The podman command line (Debian's podman with runc, as the README's "Container images" section
 * describes for machines without a Docker engine). Each call runs to completion with a timeout;
 * output goes to a file so that a long build cannot fill a pipe.
 */
final class Podman {

  /** One command's exit code and output (stdout and stderr together). */
  record Result(int exit, String output) {
    Result orFail(String what) {
      if (exit != 0) {
        throw new IllegalStateException(what + " failed (" + exit + "):\n" + tail(output, 40));
      }
      return this;
    }
  }

  private final Path logDir;

  Podman(Path logDir) {
    this.logDir = logDir;
  }

  static boolean installed() {
    try {
      Process p = new ProcessBuilder("podman", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  Result run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc"));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(logDir, "podman-", ".log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            String.join(" ", command)
                + " ran past "
                + timeout
                + ":\n"
                + tail(Files.readString(out), 20));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run podman", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Result run(String... args) {
    return run(Duration.ofSeconds(60), args);
  }

  static String tail(String s, int lines) {
    String[] all = s.split("\n");
    return String.join(
        "\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }
}

package dev.modelport.deploy.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Preconditions on the build machine (promtool installed, services packaged, podman images): a
 * developer's build skips the test with the reason; under CI ({@code -Ddeploy.require-tools=true},
 * which the module's {@code ci-tools} profile sets when {@code CI=true}) the test fails instead, so
 * that a missing install step cannot hide behind a green build.
 */
public final class Requirements {

  private Requirements() {}

  public static void require(boolean condition, String what) {
    if (condition) {
      return;
    }
    if (Boolean.getBoolean("deploy.require-tools")) {
      fail(what + " (required under CI: .ci/run installs or builds it)");
    }
    assumeTrue(false, what + ": skipped");
  }
}

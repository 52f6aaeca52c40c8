package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogDiagnosisTest {

  @Test
  void aQuarkusStartFailureIsExplainedByItsErrorLineAndTheRootCause() {
    List<String> log =
        List.of(
            "2026-12-02 02:00:00,000 INFO  [io.quarkus] starting",
            "2026-12-02 02:00:01,000 ERROR [io.quarkus.runtime.Application] Failed to start"
                + " application: java.lang.RuntimeException: Unable to start HTTP server",
            "\tat io.quarkus.vertx.http.runtime.VertxHttpRecorder.startServer(VertxHttpRecorder.java:1)",
            "Caused by: java.lang.IllegalStateException: wrapped",
            "\tat x.y(Z.java:1)",
            "Caused by: java.net.BindException: Address already in use",
            "\tat sun.nio.ch.Net.bind0(Native Method)",
            "2026-12-02 02:00:01,100 INFO  [io.quarkus] stopped");

    assertThat(LogDiagnosis.explain(log))
        .containsExactly(
            log.get(1).trim(), "Caused by: java.net.BindException: Address already in use");
  }

  @Test
  void theLastErrorLineWins() {
    List<String> log = List.of("ERROR first problem", "INFO fine", "ERROR second problem");

    assertThat(LogDiagnosis.explain(log)).containsExactly("ERROR second problem");
  }

  @Test
  void anExceptionWithoutErrorLineIsStillFound() {
    List<String> log = List.of("INFO loading", "java.lang.OutOfMemoryError: Java heap space");

    assertThat(LogDiagnosis.explain(log))
        .containsExactly("java.lang.OutOfMemoryError: Java heap space");
  }

  @Test
  void theJavaLaunchersOwnErrorCounts() {
    List<String> log = List.of("Error: Unable to access jarfile /x/quarkus-run.jar");

    assertThat(LogDiagnosis.explain(log)).containsExactly(log.get(0));
  }

  @Test
  void aCleanLogExplainsNothing() {
    assertThat(LogDiagnosis.explain(List.of("INFO all good", "WARN a warning"))).isEmpty();
  }
}

package dev.modelport.serving.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.serving.engine.DjlSystemProperties;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The startup of the shared test application (see application.properties). */
@QuarkusTest
class ServingLifecycleTest {

  @Inject ServingLifecycle lifecycle;

  @Test
  void theDjlSystemPropertiesAreAppliedExactlyOnceAtStartup() {
    assertThat(lifecycle.isStarted()).isTrue();
    assertThat(DjlSystemProperties.applications()).isEqualTo(1);
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    // modelport.serving.engine.pytorch.threads and interop-threads are 1 in the test configuration
    assertThat(System.getProperty("ai.djl.pytorch.num_threads")).isEqualTo("1");
    assertThat(System.getProperty("ai.djl.pytorch.num_interop_threads")).isEqualTo("1");
  }
}

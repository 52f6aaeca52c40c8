package dev.modelport.serving.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeHeapTrimmerTest {

  @Test
  void theJvmTrimsTheNativeHeapAndReportsTheSizes() {
    NativeHeapTrimmer trimmer = new NativeHeapTrimmer(true);

    String report = trimmer.trim();

    // glibc and JDK 17.0.9+ (the build's JVM): the command reports resident size before and after.
    assertThat(report).containsIgnoringCase("rss");
    assertThat(trimmer.trims()).isEqualTo(1);
  }

  @Test
  void aDisabledTrimmerDoesNothing() {
    NativeHeapTrimmer trimmer = new NativeHeapTrimmer(false);

    assertThat(trimmer.trim()).isEmpty();
    assertThat(trimmer.trims()).isZero();
  }

  @Test
  void linuxWithoutAnArenaLimitGetsAWarningThatSaysWhatToSet() {
    assertThat(NativeHeapTrimmer.arenaWarning("Linux", Map.of("PATH", "/bin")))
        .hasValueSatisfying(w -> assertThat(w).contains("MALLOC_ARENA_MAX=2"));
    assertThat(NativeHeapTrimmer.arenaWarning("Linux", Map.of("MALLOC_ARENA_MAX", "4"))).isEmpty();
    assertThat(NativeHeapTrimmer.arenaWarning("Mac OS X", Map.of())).isEmpty();
  }
}

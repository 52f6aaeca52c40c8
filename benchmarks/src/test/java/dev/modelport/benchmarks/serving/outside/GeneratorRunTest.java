package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorRunTest {

  @Test
  void aGeneratorAboveEightyPercentOfItsCoresIsInvalid() {
    assertThat(new GeneratorRun("", 0, 10, 8.5, 1).invalid()).isTrue();
    assertThat(new GeneratorRun("", 0, 10, 7.5, 1).invalid()).isFalse();
    // the same CPU time over two cores is under the limit
    assertThat(new GeneratorRun("", 0, 10, 8.5, 2).cpuShare()).isEqualTo(0.425);
    assertThat(new GeneratorRun("", 0, 10, 8.5, 2).invalid()).isFalse();
  }

  @Test
  void measuresTheCpuTimeOfTheCommandItRan(@TempDir Path dir) throws Exception {
    List<String> busy =
        List.of("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo finished");

    GeneratorRun run = GeneratorRun.run(null, busy, dir, 60);

    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).contains("finished");
    assertThat(run.cpuSeconds()).isPositive().isLessThanOrEqualTo(run.wallSeconds() * 1.05);
  }

  @Test
  void passesTheGeneratorsExitStatusOn(@TempDir Path dir) throws Exception {
    GeneratorRun run = GeneratorRun.run(null, List.of("sh", "-c", "exit 3"), dir, 60);

    assertThat(run.exitCode()).isEqualTo(3);
  }
}

package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void readsUserAndSystemTimeOfARealServerProcess() {
    // /proc/<pid>/stat of the packaged server (java), fields 14-17: 4315 656 0 0
    ProcStat s = ProcStat.parse(Fixtures.text("proc-stat-java.txt"));

    assertThat(s.utime()).isEqualTo(4315);
    assertThat(s.stime()).isEqualTo(656);
    assertThat(s.ownTicks()).isEqualTo(4315 + 656);
    assertThat(s.childrenTicks()).isZero();
  }

  @Test
  void readsTheTimeOfWaitedForChildrenFromTheShellThatRanThem() {
    // sh -c '"$@"; cat /proc/$$/stat' x sh -c '<busy loop>': the loop's time is the shell's cutime
    ProcStat s = ProcStat.parse(Fixtures.text("proc-stat-shell-after-child.txt"));

    assertThat(s.ownTicks()).isZero();
    assertThat(s.cutime()).isEqualTo(29);
    assertThat(s.childrenTicks()).isEqualTo(29);
  }

  @Test
  void countsFieldsFromTheLastParenthesisSoThatOddCommandNamesParse() {
    String line = Fixtures.text("proc-stat-java.txt").replace("(java)", "(my (odd) name) 1 2 3)");

    assertThat(ProcStat.parse(line).utime()).isEqualTo(4315);
  }

  @Test
  void refusesATruncatedLine() {
    assertThatThrownBy(() -> ProcStat.parse("12 (java) S 1 2 3"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsThisProcess() throws IOException {
    ProcStat s = ProcStat.read(ProcessHandle.current().pid());

    assertThat(s.ownTicks()).isPositive(); // a JVM that has run tests has used CPU
  }

  @Test
  void clockTicksComeFromGetconf() {
    assertThat(ClockTicks.perSecond()).isPositive();
    assertThat(ClockTicks.seconds(ClockTicks.perSecond() * 3)).isEqualTo(3.0);
  }
}

package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutsideReportTest {

  private static Round round(double cpu, double rps, double generatorShare) {
    return new Round(cpu, rps, 1000, 2000, 3000, 1100, 0, generatorShare);
  }

  @Test
  void aRoundWithTheGeneratorAboveEightyPercentMarksTheRowInvalid() {
    Row row = new Row(OutsideReport.GRPC_ON, "h2load");
    row.add(round(14, 50_000, 0.55));
    row.add(round(15, 48_000, 0.85));
    row.add(round(13, 52_000, 0.60));

    String line = OutsideReport.row(row);

    assertThat(line).contains("**INVALID** (1 of 3 rounds: generator > 80 %)");
    assertThat(line).contains("max 85 %");
  }

  @Test
  void aRowWithinTheGeneratorsBudgetIsValid() {
    Row row = new Row(OutsideReport.GRPC_ON, "h2load");
    row.add(round(14, 50_000, 0.80));

    assertThat(OutsideReport.row(row)).endsWith("| ok |").doesNotContain("INVALID");
  }

  @Test
  void theFirstFigureIsTheServerCpuPerRequestWithItsMedianAndSpread() {
    Row row = new Row(OutsideReport.REST_ON, "wrk -c64");
    row.add(round(30, 20_000, 0.5));
    row.add(round(20, 22_000, 0.5));
    row.add(round(40, 18_000, 0.5));

    String line = OutsideReport.row(row);

    assertThat(line)
        .startsWith("| " + OutsideReport.REST_ON + " | wrk -c64 | **30.0 (20.0–40.0)** | 20000");
  }

  @Test
  void aSkippedRowSaysWhy() {
    Row row = new Row(OutsideReport.REST_ON, "wrk -c64");
    row.skip("wrk not installed");

    assertThat(OutsideReport.row(row)).contains("skipped: wrk not installed");
  }

  @Test
  void theTargetsSayMetOrNotAndFlagInvalidRows() {
    Row grpcOn = new Row(OutsideReport.GRPC_ON, "h2load");
    grpcOn.add(round(11, 60_000, 0.9));
    Row restOn = new Row(OutsideReport.REST_ON, "wrk");
    restOn.add(round(40, 20_000, 0.3));
    Row served = new Row(OutsideReport.MOBILENET_SERVED, "h2load");
    served.add(round(4000, 360, 0.1));
    Row restBinary = new Row(OutsideReport.MOBILENET_REST_BINARY, "wrk");
    restBinary.add(round(4500, 332, 0.2));
    Row engine = new Row(OutsideReport.MOBILENET_IN_PROCESS, "in-process");
    engine.add(round(2500, 400, Double.NaN));

    List<String> targets =
        new OutsideReport("header", List.of(grpcOn, restOn, served, restBinary, engine)).targets();

    assertThat(targets.get(0)).contains("**11.0 µs**", "target ≤ 12 µs: met", "INVALID");
    assertThat(targets.get(1)).contains("**40.0 µs**", "target ≤ 25 µs: not met");
    assertThat(targets.get(4)).contains("gRPC raw", "**90 %**", "target ≥ 90 %: met");
    assertThat(targets.get(5)).contains("REST binary", "**83 %**", "target ≥ 85 %: not met");
    assertThat(targets).anyMatch(t -> t.contains("batching on vs off over gRPC: not measured"));
  }

  @Test
  void medianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
    Row row = new Row("r", "g");
    row.add(round(10, 1, 0));
    row.add(round(30, 1, 0));
    row.add(round(20, 1, 0));
    row.add(round(50, 1, 0));

    assertThat(row.median(Round::serverCpuMicros)).isEqualTo(25);
    assertThat(row.min(Round::serverCpuMicros)).isEqualTo(10);
    assertThat(row.max(Round::serverCpuMicros)).isEqualTo(50);
  }
}

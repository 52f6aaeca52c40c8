package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2loadOutputTest {

  /** One breast-cancer-mlp answer: the 5-byte prefix and the ModelInferResponse (1×2 FP32). */
  private static final long BREAST_RESPONSE_BYTES = 64;

  @Test
  void readsTheSummaryOfARealGrpcRun() {
    // h2load 1.52.0, -t1 -c4 -m16 -D 5, a prebuilt ModelInfer body against the packaged server
    H2loadOutput h = H2loadOutput.parse(Fixtures.text("h2load-grpc.txt"));

    assertThat(h.seconds()).isCloseTo(5.00, within(1e-9));
    assertThat(h.requestsPerSecond()).isCloseTo(35912.00, within(1e-9));
    assertThat(h.done()).isEqualTo(179560);
    assertThat(h.succeeded()).isEqualTo(179560);
    assertThat(h.failed()).isZero();
    assertThat(h.status2xx()).isEqualTo(179560);
    assertThat(h.dataBytes()).isEqualTo(11491840);
    assertThat(h.meanMicros()).isCloseTo(1.60e3, within(1e-6));
    assertThat(h.maxMicros()).isCloseTo(14.74e3, within(1e-6));
  }

  @Test
  void countsEveryCallAnsweredWithAMessageAsServed() {
    H2loadOutput h = H2loadOutput.parse(Fixtures.text("h2load-grpc.txt"));

    assertThat(h.grpcErrors(BREAST_RESPONSE_BYTES)).isZero();
  }

  @Test
  void countsGrpcErrorAnswersThatHttpCallsSucceeded() {
    // the same body naming a model that does not exist: HTTP 200, grpc-status in trailers, no DATA
    H2loadOutput h = H2loadOutput.parse(Fixtures.text("h2load-grpc-error.txt"));

    assertThat(h.succeeded()).isEqualTo(200);
    assertThat(h.dataBytes()).isZero();
    assertThat(h.grpcErrors(BREAST_RESPONSE_BYTES)).isEqualTo(200);
  }

  @Test
  void readsAPacedHttp1Run() {
    // h2load --h1 -c1 -m1 --rps 50 -D 3, REST JSON
    H2loadOutput h = H2loadOutput.parse(Fixtures.text("h2load-h1-paced.txt"));

    assertThat(h.done()).isEqualTo(150);
    assertThat(h.status2xx()).isEqualTo(150);
    assertThat(h.requestsPerSecond()).isCloseTo(50.0, within(1e-9));
    assertThat(h.meanMicros()).isCloseTo(1.93e3, within(1e-6));
    assertThat(h.maxMicros()).isCloseTo(20.86e3, within(1e-6));
  }

  @Test
  void refusesOutputWithoutASummary() {
    assertThatThrownBy(() -> H2loadOutput.parse("starting benchmark...\nconnect failed\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finished in");
  }

  @Test
  void percentilesOfALogAreNearestRankOverSuccessfulRequests(@TempDir Path dir) throws IOException {
    // 1..100 µs in shuffled order, and a 404 that must not count
    List<Integer> values = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      values.add(i);
    }
    Collections.shuffle(values, new java.util.Random(3));
    StringBuilder log = new StringBuilder();
    long start = 1796190161212303L;
    for (int v : values) {
      log.append(start++).append("\t200\t").append(v).append('\n');
    }
    log.append(start).append("\t404\t999999\n");
    Path file = dir.resolve("requests.tsv");
    Files.writeString(file, log);

    double[] p = H2loadOutput.percentiles(file, 50, 90, 99, 100);

    assertThat(p).containsExactly(50, 90, 99, 100);
  }

  @Test
  void percentilesOfARealLogComeFromItsRequests() throws IOException {
    Path file = Fixtures.path("h2load-grpc-log.tsv");
    List<Long> elapsed =
        Files.readAllLines(file).stream().map(l -> Long.parseLong(l.split("\t")[2])).toList();

    double[] p = H2loadOutput.percentiles(file, 0, 50, 99, 100);

    assertThat(p[0]).isEqualTo(elapsed.stream().mapToLong(Long::longValue).min().orElseThrow());
    assertThat(p[3]).isEqualTo(elapsed.stream().mapToLong(Long::longValue).max().orElseThrow());
    assertThat(p[1]).isBetween(p[0], p[2]);
    assertThat(elapsed).contains((long) p[1], (long) p[2]);
  }

  @Test
  void percentilesOfALogWithoutSuccessesAreEmpty(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("requests.tsv");
    Files.writeString(file, "1796190161212303\t503\t120\n");

    assertThat(H2loadOutput.percentiles(file, 50)).isEmpty();
  }
}

package dev.modelport.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.cli.suite.SuiteEndpoints;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ConnectionOptionsTest {
  @TempDir Path dir;

  private static final SuiteEndpoints RUNNING =
      new SuiteEndpoints(
          ProcessHandle.current().pid(),
          URI.create("http://127.0.0.1:18090"),
          URI.create("http://127.0.0.1:18080"),
          "127.0.0.1:18081",
          URI.create("http://127.0.0.1:18092"),
          "127.0.0.1:19092");

  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Mixin ConnectionOptions connection;

    @Override
    public void run() {}
  }

  private ConnectionOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.connection;
  }

  @Test
  void withoutARunningUpTheDefaultsAreTheStandardPorts() {
    assertThat(parse("--data-dir", dir.toString()).endpoints().registry())
        .isEqualTo(SuiteEndpoints.DEFAULTS.registry());
  }

  @Test
  void aRunningUpsEndpointsFileGivesTheDefaults() {
    RUNNING.write(SuiteEndpoints.file(dir));

    SuiteEndpoints endpoints = parse("--data-dir", dir.toString()).endpoints();

    assertThat(endpoints.registry()).isEqualTo(RUNNING.registry());
    assertThat(endpoints.serving()).isEqualTo(RUNNING.serving());
    assertThat(endpoints.servingGrpc()).isEqualTo(RUNNING.servingGrpc());
    assertThat(endpoints.drift()).isEqualTo(RUNNING.drift());
  }

  @Test
  void explicitOptionsWinOverTheRunningUp() {
    RUNNING.write(SuiteEndpoints.file(dir));

    ConnectionOptions options =
        parse(
            "--data-dir", dir.toString(),
            "--registry", "http://registry.example:80",
            "--grpc", "serving.example:9000",
            "--api-key", "k1");

    assertThat(options.endpoints().registry()).isEqualTo(URI.create("http://registry.example:80"));
    assertThat(options.endpoints().serving()).isEqualTo(RUNNING.serving());
    assertThat(options.endpoints().servingGrpc()).isEqualTo("serving.example:9000");
    assertThat(options.grpcRequested()).isTrue();
    assertThat(options.apiKey()).isEqualTo("k1");
  }

  @Test
  void grpcWithoutAnAddressUsesTheRunningUpsGrpcPort() {
    RUNNING.write(SuiteEndpoints.file(dir));

    ConnectionOptions options = parse("--data-dir", dir.toString(), "--grpc");

    assertThat(options.grpcRequested()).isTrue();
    assertThat(options.endpoints().servingGrpc()).isEqualTo(RUNNING.servingGrpc());
  }

  @Test
  void theFileOfAnUpThatIsNoLongerRunningIsIgnored() {
    new SuiteEndpoints(
            Long.MAX_VALUE - 1,
            RUNNING.registry(),
            RUNNING.serving(),
            RUNNING.servingGrpc(),
            RUNNING.drift(),
            RUNNING.kafka())
        .write(SuiteEndpoints.file(dir));

    assertThat(parse("--data-dir", dir.toString()).endpoints().registry())
        .isEqualTo(SuiteEndpoints.DEFAULTS.registry());
  }
}

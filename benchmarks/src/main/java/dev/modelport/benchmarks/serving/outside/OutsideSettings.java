package dev.modelport.benchmarks.serving.outside;

import dev.modelport.benchmarks.serving.ServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The settings the outside benchmarks that compare server variants share, read from system
 * properties (defaults in brackets).
 *
 * @param serverCpus the servers' cores, for {@code taskset -c}: {@code bench.outside.server-cpus}
 *     (1)
 * @param generatorCpus the load generator's cores: {@code bench.outside.generator-cpus} (0)
 * @param rounds measured rounds: {@code bench.outside.rounds} (3)
 * @param seconds seconds of load per round and server: {@code bench.outside.seconds} (10)
 * @param warmupMaxSeconds the most seconds of warm-up per server, which ends earlier once its JIT
 *     has settled (see {@link GrpcSlices#warmUp}): {@code bench.outside.warmup-max-seconds} (180)
 * @param jar the packaged server: {@code bench.jar} ({@code
 *     serving-service/target/quarkus-app/quarkus-run.jar})
 * @param models the model repository: {@code bench.models} ({@code examples/models})
 */
record OutsideSettings(
    String serverCpus,
    String generatorCpus,
    int rounds,
    int seconds,
    int warmupMaxSeconds,
    Path jar,
    Path models) {

  static OutsideSettings fromSystemProperties() {
    return new OutsideSettings(
        System.getProperty("bench.outside.server-cpus", "1"),
        System.getProperty("bench.outside.generator-cpus", "0"),
        Integer.getInteger("bench.outside.rounds", 3),
        Integer.getInteger("bench.outside.seconds", 10),
        Integer.getInteger("bench.outside.warmup-max-seconds", 180),
        Path.of(
            System.getProperty("bench.jar", "serving-service/target/quarkus-app/quarkus-run.jar")),
        Path.of(System.getProperty("bench.models", "examples/models")));
  }

  /**
   * Starts the packaged server with {@code properties} on {@code ports} (REST, gRPC), pinned to the
   * server's cores, and waits for it to be ready (see {@link ServerProcess#start}). The caller
   * closes it.
   */
  ServerProcess startServer(String label, Map<String, String> properties, int[] ports)
      throws IOException, InterruptedException {
    return ServerProcess.start(jar, models, label, properties, ports[0], ports[1], serverCpus);
  }
}

package dev.modelport.benchmarks.serving;

import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded Kafka broker (the {@code embedded-kafka} module, KRaft) in a JVM of its own, so that
 * its CPU time is read apart from the load generator's ({@code /proc/<pid>/stat}) and it can be
 * pinned to chosen cores. The child prints {@code ready <bootstrap servers>} once the broker serves
 * and the topic exists, and stops when its standard input closes (the parent closed it or exited).
 */
public final class BrokerProcess implements AutoCloseable {

  private final Process process;
  private final String bootstrapServers;

  private BrokerProcess(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the broker with {@code topic} (one partition) under {@code dir}.
   *
   * @param cpus the cores for {@code taskset -c}, or null to leave the placement to the kernel
   */
  public static BrokerProcess start(Path dir, String topic, String cpus)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (cpus != null) {
      command.addAll(List.of("taskset", "-c", cpus));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            BrokerProcess.class.getName(),
            dir.toString(),
            topic));
    Path log = Path.of("benchmarks/target/broker.log");
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("ready ")) {
        ServingBenchmark.log("broker ready at " + line.substring(6));
        return new BrokerProcess(p, line.substring(6).trim());
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("the broker did not start; see " + log);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** CPU time (user and system) of the broker process so far, in seconds. */
  public double cpuSeconds() throws IOException {
    return ServerProcess.cpuSeconds(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** The child: {@code <data dir> <topic>}. */
  public static void main(String[] args) throws IOException {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder().dataDirectory(Path.of(args[0])).build().start()) {
      broker.createTopics(1, args[1]);
      System.out.println("ready " + broker.bootstrapServers());
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the parent closes our standard input
      }
    }
    System.exit(0);
  }
}

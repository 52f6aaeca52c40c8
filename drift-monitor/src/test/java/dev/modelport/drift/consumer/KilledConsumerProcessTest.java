package dev.modelport.drift.consumer;

import static dev.modelport.drift.support.ExampleModels.BREAST;
import static dev.modelport.drift.support.ExampleModels.CREDIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.drift.baseline.BaselineCache;
import dev.modelport.drift.baseline.RegistryBaselineSource;
import dev.modelport.drift.support.ConsumerProcessMain;
import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.support.FakeRegistry;
import dev.modelport.drift.support.LoopHarness;
import dev.modelport.drift.support.Producers;
import dev.modelport.drift.support.RestartScenario;
import dev.modelport.drift.support.Verdicts;
import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.registryclient.RegistryClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consumer pipeline in a forked JVM, killed with SIGKILL mid-window (no commit, no leaving the
 * group), then started again in a new JVM with the same group: its windows' verdicts equal those of
 * an uninterrupted run, and no window is evaluated twice.
 */
class KilledConsumerProcessTest {

  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static EmbeddedKafkaBroker broker;
  static FakeRegistry registry;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.builder().build().start();
    registry =
        new FakeRegistry()
            .register(
                BREAST,
                1,
                ExampleModels.breastSignature(),
                ExampleModels.baselineJson(BREAST, ExampleModels.breastSignature()))
            .register(
                CREDIT,
                1,
                ExampleModels.creditSignature(),
                ExampleModels.baselineJson(CREDIT, ExampleModels.creditSignature()));
  }

  @AfterAll
  static void stop() {
    registry.close();
    broker.close();
  }

  @Test
  void aKilledProcessIsResumedByANewOneWithTheVerdictsOfAnUninterruptedRun() throws Exception {
    String topic = "killed-process";
    broker.createTopics(1, topic);
    var all = RestartScenario.messages();
    Producers.send(broker.bootstrapServers(), topic, all.subList(0, RestartScenario.FIRST_HALF));

    Child first = new Child(topic);
    await("the first half evaluated by the first process")
        .atMost(TIMEOUT)
        .until(
            () -> {
              first.askForEvents();
              return first.lines.contains("EVENTS " + RestartScenario.FIRST_HALF)
                  && first.reports().size() == 6;
            });
    await("the commit at the open window's first event")
        .atMost(TIMEOUT)
        .until(() -> committedOffset(topic), equalTo(RestartScenario.OPEN_WINDOW_FIRST_OFFSET));
    first.kill();

    Producers.send(
        broker.bootstrapServers(), topic, all.subList(RestartScenario.FIRST_HALF, all.size()));
    Child second = new Child(topic);
    // Once every event is consumed and committed, no further window can come from the second
    // process: the verdicts compared below are all it will ever give.
    await("every event consumed and committed by the second process")
        .atMost(TIMEOUT)
        .until(() -> committedOffset(topic), equalTo((long) all.size()));
    second.kill();

    LoopHarness uninterrupted =
        RestartScenario.configure(new LoopHarness())
            .baselineSource(
                new BaselineCache(
                    new RegistryBaselineSource(RegistryClient.builder(registry.uri()).build()),
                    Duration.ofMinutes(1),
                    Clock.systemUTC()));
    var reference = uninterrupted.loop(broker.bootstrapServers(), topic, "reference").start();
    await("all windows")
        .atMost(TIMEOUT)
        .until(uninterrupted.reports::size, equalTo(RestartScenario.WINDOWS));
    reference.stop();

    List<String> interrupted = new ArrayList<>(first.reports());
    interrupted.addAll(second.reports());
    assertThat(interrupted.stream().sorted().toList())
        .isEqualTo(uninterrupted.reports.stream().map(Verdicts::of).sorted().toList())
        .hasSize(RestartScenario.WINDOWS);
  }

  private static long committedOffset(String topic) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      OffsetAndMetadata o =
          admin
              .listConsumerGroupOffsets("forked")
              .partitionsToOffsetAndMetadata()
              .get()
              .get(new TopicPartition(topic, 0));
      return o == null ? -1 : o.offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A forked JVM running {@link ConsumerProcessMain}, its output collected line by line. */
  static final class Child {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Process process;

    Child(String topic) throws Exception {
      process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--add-modules=jdk.incubator.foreign",
                  "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ConsumerProcessMain.class.getName(),
                  broker.bootstrapServers(),
                  topic,
                  "forked",
                  registry.uri().toString())
              .redirectErrorStream(true)
              .start();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("REPORT ") || line.startsWith("EVENTS ")) {
                      lines.add(line);
                    }
                  }
                } catch (java.io.IOException ignored) {
                  // the process was killed
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    /** Asks the process for its event count; the answer comes as an {@code EVENTS} line. */
    void askForEvents() {
      try {
        process.getOutputStream().write("events\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("the consumer process is gone", e);
      }
    }

    List<String> reports() {
      return lines.stream().filter(l -> l.startsWith("REPORT ")).map(l -> l.substring(7)).toList();
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }
}

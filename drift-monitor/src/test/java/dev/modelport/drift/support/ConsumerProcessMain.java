package dev.modelport.drift.support;

import dev.modelport.drift.baseline.BaselineCache;
import dev.modelport.drift.baseline.RegistryBaselineSource;
import dev.modelport.drift.consumer.DriftConsumerLoop;
import dev.modelport.registryclient.RegistryClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The consumer pipeline of {@link RestartScenario} in a JVM of its own, for the test that kills it:
 * baselines from the registry at {@code args[3]}; prints {@code REPORT <verdict>} as each window is
 * evaluated, and answers each line {@code events} read from standard input with {@code EVENTS <n>}
 * (events taken from Kafka so far). Runs until killed, or until its standard input closes (the test
 * JVM is gone). Arguments: bootstrap servers, topic, group, registry URL.
 */
public final class ConsumerProcessMain {

  private ConsumerProcessMain() {}

  public static void main(String[] args) throws Exception {
    LoopHarness h =
        RestartScenario.configure(new LoopHarness())
            .baselineSource(
                new BaselineCache(
                    new RegistryBaselineSource(RegistryClient.builder(URI.create(args[3])).build()),
                    Duration.ofMinutes(1),
                    Clock.systemUTC()))
            .listener(r -> print("REPORT " + Verdicts.of(r)));
    // A killed member is noticed after the session timeout: keep it at the broker's minimum.
    DriftConsumerLoop loop =
        h.loop(
                args[0],
                args[1],
                args[2],
                Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"))
            .start();
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      if (line.equals("events")) {
        print("EVENTS " + loop.eventsProcessed());
      }
    }
  }

  private static void print(String line) {
    System.out.println(line);
    System.out.flush();
  }
}

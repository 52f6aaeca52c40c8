package dev.modelport.drift.support;

import dev.modelport.drift.baseline.BaselineCache;
import dev.modelport.drift.baseline.RegistryBaselineSource;
import dev.modelport.drift.consumer.DriftConsumerLoop;
import dev.modelport.registryclient.RegistryClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The consumer pipeline of {@link RestartScenario} in a JVM of its own, for the test that kills it:
 * baselines from the registry at {@code args[3]}; prints {@code REPORT <verdict>} per evaluated
 * window and {@code EVENTS <n>} as it goes. Runs until killed. Arguments: bootstrap servers, topic,
 * group, registry URL.
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
                    Clock.systemUTC()));
    // A killed member is noticed after the session timeout: keep it at the broker's minimum.
    DriftConsumerLoop loop =
        h.loop(
                args[0],
                args[1],
                args[2],
                Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"))
            .start();
    int printed = 0;
    long events = -1;
    while (true) {
      while (printed < h.reports.size()) {
        System.out.println("REPORT " + Verdicts.of(h.reports.get(printed++)));
      }
      if (loop.eventsProcessed() != events) {
        events = loop.eventsProcessed();
        System.out.println("EVENTS " + events);
      }
      System.out.flush();
      Thread.sleep(20);
    }
  }
}

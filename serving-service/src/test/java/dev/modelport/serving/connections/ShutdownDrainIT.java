package dev.modelport.serving.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import dev.modelport.protocol.grpc.InferTensorContents;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged server while clients keep it busy. The model holds each batch for 1 s
 * (max-queue-delay), so that at SIGTERM about as many requests are queued as there are clients.
 * Wanted, over REST (100 keep-alive clients): readiness 503 at once, new requests 503 with {@code
 * Connection: close}, every request received answered (no EOF or reset), then the port closes. Over
 * gRPC (200 calls kept in flight, refused ones retried until the process exits): a GOAWAY, the
 * calls received answered, new calls UNAVAILABLE, never INTERNAL.
 */
class ShutdownDrainIT {

  private static final String MODEL = ExampleModels.DIABETES;
  private static final String ROW =
      "[0.04, -0.04, 0.06, 0.02, -0.04, -0.03, -0.04, 0.0, 0.02, -0.01]";
  private static final String BODY =
      "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 10], \"datatype\": \"FP32\", \"data\": "
          + ROW
          + "}]}";
  private static final String INFER = "/v2/models/" + MODEL + "/infer";

  /** Requests sent this long before SIGTERM were surely received by the server before it. */
  private static final long RECEIVED_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

  @TempDir static Path repository;

  @BeforeAll
  static void slowBatchingCopyOfTheModel() throws IOException {
    assumeTrue(
        PackagedService.isPackaged("serving-service"),
        "serving-service is not packaged: run ./mvnw -pl serving-service -am verify");
    Path source = ExampleModels.dir(MODEL);
    Path dir = Files.createDirectories(repository.resolve(MODEL));
    Files.copy(source.resolve("model.onnx"), dir.resolve("model.onnx"));
    String yaml =
        Files.readString(source.resolve("model.yaml"))
            .replace("  2: model.pt\n", "")
            .replace("max-batch-size: 64", "max-batch-size: 1024")
            .replace("max-queue-delay: 0 ", "max-queue-delay: 1000000 ")
            .replace("max-queue-size: 1024", "max-queue-size: 8192");
    assertThat(yaml).contains("max-queue-delay: 1000000").doesNotContain("model.pt");
    Files.writeString(dir.resolve("model.yaml"), yaml);
  }

  private static PackagedService start(int[] ports, String name) {
    return PackagedService.of("serving-service")
        .httpPort(ports[0])
        .property("quarkus.grpc.server.port", ports[1])
        .property("quarkus.grpc.server.host", "127.0.0.1")
        .property("modelport.serving.repository", repository)
        .property("modelport.serving.models", MODEL)
        .log(Path.of("target", "shutdown-drain-" + name + ".log").toAbsolutePath())
        .startTimeout(Duration.ofMinutes(3))
        .start();
  }

  /** What the REST clients saw. */
  private static final class RestTally {
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger answeredAfterSigterm = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger portClosed = new AtomicInteger();
    final AtomicInteger closedBeforeRead = new AtomicInteger();
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
  }

  /** Sends requests on a keep-alive connection until the server refuses one or the port closes. */
  private static void restClient(int port, AtomicLong sigtermAt, RestTally tally) {
    Http1Connection connection;
    try {
      connection = Http1Connection.open(port);
    } catch (IOException e) {
      tally.failures.add("cannot connect before SIGTERM: " + e);
      return;
    }
    boolean openedAfterSigterm = false;
    try {
      while (true) {
        long sent = System.nanoTime();
        Http1Connection.Response response;
        try {
          response = connection.exchange("POST", INFER, BODY);
        } catch (IOException e) {
          if (openedAfterSigterm || sent > sigtermAt.get()) {
            // A request sent after SIGTERM that the server closed unread, as the port closed (a
            // keep-alive connection's close race, which HTTP/1.1 clients retry: RFC 9112, 9.6):
            // counted and bounded below; requests sent before SIGTERM must all be answered.
            tally.closedBeforeRead.incrementAndGet();
            return;
          }
          tally.failures.add(
              "request sent "
                  + (sent < sigtermAt.get() ? "before" : "after")
                  + " SIGTERM got no response: "
                  + e);
          return;
        }
        if (response.status() == 200) {
          tally.ok.incrementAndGet();
          if (sent < sigtermAt.get() && System.nanoTime() > sigtermAt.get()) {
            tally.answeredAfterSigterm.incrementAndGet();
          }
          openedAfterSigterm = false;
          if (response.closesConnection()) {
            connection.close();
            try {
              openedAfterSigterm = System.nanoTime() > sigtermAt.get();
              connection = Http1Connection.open(port);
            } catch (ConnectException e) {
              tally.portClosed.incrementAndGet();
              return;
            }
          }
        } else if (response.status() == 503
            && response.closesConnection()
            && response.body().contains("shutting down")) {
          tally.refused.incrementAndGet();
          return;
        } else {
          tally.failures.add(
              "unexpected answer "
                  + response.status()
                  + " "
                  + response.headers()
                  + " "
                  + response.body());
          return;
        }
      }
    } catch (IOException e) {
      tally.failures.add("client failed: " + e);
    } finally {
      try {
        connection.close();
      } catch (IOException e) {
        // closing after the server closed
      }
    }
  }

  /** One readiness probe: when it was sent, and the status (-1: no connection or no answer). */
  private record Probe(long sentNanos, int status) {}

  private static Probe readiness(int port) {
    long sent = System.nanoTime();
    try (Http1Connection c = Http1Connection.open(port)) {
      return new Probe(sent, c.exchange("GET", "/v2/health/ready", null).status());
    } catch (IOException e) {
      return new Probe(sent, -1);
    }
  }

  private static boolean portClosed(int port) {
    try (Http1Connection c = Http1Connection.open(port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void restAfterSigtermAnswersWhatItReceivedRefusesNewRequestsThenClosesThePort() throws Exception {
    int clients = 100;
    int[] ports = FreePorts.next(2);
    try (PackagedService serving = start(ports, "rest")) {
      RestTally tally = new RestTally();
      AtomicLong sigtermAt = new AtomicLong(Long.MAX_VALUE);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        running.add(pool.submit(() -> restClient(ports[0], sigtermAt, tally)));
      }
      await("clients served")
          .atMost(Duration.ofSeconds(60))
          .until(() -> tally.ok.get() >= 3 * clients);
      assertThat(tally.failures).isEmpty();

      Queue<Probe> probes = new ConcurrentLinkedQueue<>();
      ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
      prober.scheduleWithFixedDelay(
          () -> probes.add(readiness(ports[0])), 0, 20, TimeUnit.MILLISECONDS);
      long sigterm = System.nanoTime();
      sigtermAt.set(sigterm);
      serving.process().destroy();
      for (Future<?> client : running) {
        client.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(serving.process().waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
      prober.shutdownNow();
      assertThat(prober.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

      long atOnce = sigterm + TimeUnit.MILLISECONDS.toNanos(500);
      assertThat(probes.stream().filter(p -> p.sentNanos() > sigterm).map(Probe::status))
          .as("readiness after SIGTERM, while requests are still answered")
          .contains(503);
      assertThat(probes.stream().filter(p -> p.sentNanos() > atOnce).map(Probe::status))
          .as("readiness probes sent from 500 ms after SIGTERM on (-1: port closed)")
          .allMatch(status -> status == 503 || status == -1);

      assertThat(tally.failures).as("requests without a proper answer").isEmpty();
      assertThat(tally.answeredAfterSigterm.get())
          .as("requests queued at SIGTERM, answered 200 after it")
          .isPositive();
      assertThat(tally.refused.get())
          .as("clients refused with 503 + Connection: close")
          .isPositive();
      assertThat(tally.refused.get() + tally.portClosed.get() + tally.closedBeforeRead.get())
          .isEqualTo(clients);
      assertThat(tally.closedBeforeRead.get())
          .as("requests sent after SIGTERM and closed unread as the port closed")
          .isLessThan(clients / 10);
      assertThat(portClosed(ports[0])).as("HTTP port closed after exit").isTrue();
      assertThat(Files.readString(serving.log())).doesNotContain("ERROR");
    }
  }

  /** What the gRPC calls ended with. */
  private static final class GrpcTally {
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger answeredAfterSigterm = new AtomicInteger();
    final Map<Status.Code, AtomicInteger> refusals = new ConcurrentHashMap<>();
    final Queue<String> receivedButNotAnswered = new ConcurrentLinkedQueue<>();
  }

  /** Clients that keep calling, as load balancers do, until the server process has exited. */
  private record GrpcWorkers(
      GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub,
      ModelInferRequest request,
      AtomicLong sigtermAt,
      GrpcTally tally,
      Process server,
      ScheduledExecutorService pacing,
      CountDownLatch done) {

    /** Keeps one call in flight; a refused call is retried after 10 ms. */
    void call() {
      if (!server.isAlive()) {
        done.countDown();
        return;
      }
      long started = System.nanoTime();
      stub.modelInfer(
          request,
          new StreamObserver<>() {
            @Override
            public void onNext(ModelInferResponse response) {}

            @Override
            public void onError(Throwable t) {
              Status status = Status.fromThrowable(t);
              tally
                  .refusals
                  .computeIfAbsent(status.getCode(), c -> new AtomicInteger())
                  .incrementAndGet();
              if (started < sigtermAt.get() - RECEIVED_MARGIN_NANOS) {
                tally.receivedButNotAnswered.add(status.toString());
              }
              pacing.schedule(GrpcWorkers.this::call, 10, TimeUnit.MILLISECONDS);
            }

            @Override
            public void onCompleted() {
              tally.ok.incrementAndGet();
              if (started < sigtermAt.get() && System.nanoTime() > sigtermAt.get()) {
                tally.answeredAfterSigterm.incrementAndGet();
              }
              call();
            }
          });
    }
  }

  @Test
  void grpcAfterSigtermSendsGoAwayAnswersTheCallsReceivedAndRefusesNewOnesUnavailable()
      throws Exception {
    int calls = 200;
    int[] ports = FreePorts.next(2);
    ModelInferRequest.InferInputTensor.Builder input =
        ModelInferRequest.InferInputTensor.newBuilder()
            .setName("input")
            .setDatatype("FP32")
            .addShape(1)
            .addShape(10);
    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
    for (String v : ROW.replaceAll("[\\[\\] ]", "").split(",")) {
      contents.addFp32Contents(Float.parseFloat(v));
    }
    ModelInferRequest request =
        ModelInferRequest.newBuilder()
            .setModelName(MODEL)
            .addInputs(input.setContents(contents))
            .build();
    try (PackagedService serving = start(ports, "grpc");
        GoAwayWatcher watcher = GoAwayWatcher.connect(ports[1])) {
      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", ports[1]).usePlaintext().build();
      try {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub =
            GRPCInferenceServiceGrpc.newStub(channel);
        GrpcTally tally = new GrpcTally();
        AtomicLong sigtermAt = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch done = new CountDownLatch(calls);
        ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor();
        GrpcWorkers workers =
            new GrpcWorkers(stub, request, sigtermAt, tally, serving.process(), pacing, done);
        for (int i = 0; i < calls; i++) {
          workers.call();
        }
        await("calls answered")
            .atMost(Duration.ofSeconds(60))
            .until(() -> tally.ok.get() >= 2 * calls);
        assertThat(tally.refusals).isEmpty();

        sigtermAt.set(System.nanoTime());
        serving.process().destroy();
        assertThat(watcher.goAway().get(10, TimeUnit.SECONDS)).as("GOAWAY error code").isZero();
        assertThat(serving.process().waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(done.await(60, TimeUnit.SECONDS)).as("every worker stopped").isTrue();
        pacing.shutdown();

        assertThat(tally.receivedButNotAnswered).as("calls received and not answered").isEmpty();
        assertThat(tally.answeredAfterSigterm.get())
            .as("calls queued at SIGTERM, answered OK after it")
            .isPositive();
        assertThat(tally.refusals.keySet()).containsOnly(Status.Code.UNAVAILABLE);
        assertThat(Files.readString(serving.log()))
            .doesNotContain("IndexOutOfBoundsException")
            .doesNotContain("ERROR");
      } finally {
        channel.shutdownNow();
      }
    }
  }
}

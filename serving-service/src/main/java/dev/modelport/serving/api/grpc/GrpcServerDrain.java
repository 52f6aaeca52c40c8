package dev.modelport.serving.api.grpc;

import dev.modelport.serving.config.ServingConfig;
import io.grpc.Server;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.grpc.VertxServer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Drains the gRPC server at shutdown. At SIGTERM it shuts the server down gracefully: the port
 * stops accepting connections, each connection gets a GOAWAY (clients open no more streams on it),
 * and the calls already running go on. At {@link ShutdownEvent}, before the models' queues are
 * drained, it waits for those calls to finish ({@code modelport.serving.drain-timeout}).
 *
 * <p>Why not leave it to Quarkus: Vert.x stops the gRPC server only when it closes, and it first
 * removes the event-loop context that the running calls' callbacks are dispatched to, so that every
 * call still running then failed with {@code INTERNAL} ({@code IndexOutOfBoundsException} in {@code
 * VertxServer$ActualServer}). The grpc-java server is reached through Vert.x' registry of started
 * servers ({@link VertxServer}'s static map), the one handle there is.
 */
@ApplicationScoped
public class GrpcServerDrain {

  private static final Logger LOG = Logger.getLogger(GrpcServerDrain.class);

  @Inject ServingConfig config;

  private volatile List<Server> draining = List.of();
  private volatile boolean sentGoAway;

  void onShutdownRequested(@Observes @Priority(5) ShutdownDelayInitiatedEvent event) {
    List<Server> servers = runningServers();
    for (Server server : servers) {
      server.shutdown();
    }
    draining = servers;
    sentGoAway = !servers.isEmpty();
    if (sentGoAway) {
      LOG.info("gRPC: GOAWAY sent, port closed to new connections; finishing the running calls");
    }
  }

  /** True once the gRPC server was shut down gracefully (GOAWAY sent on every connection). */
  public boolean sentGoAway() {
    return sentGoAway;
  }

  void onStop(@Observes @Priority(1) ShutdownEvent event) {
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    for (Server server : draining) {
      if (!awaitTermination(server, Duration.ofNanos(deadline - System.nanoTime()))) {
        LOG.warnf(
            "gRPC: calls still running after the drain timeout of %s; they are cut off"
                + " (raise modelport.serving.drain-timeout if they are expected to take longer)",
            config.drainTimeout());
      }
    }
  }

  private static boolean awaitTermination(Server server, Duration timeout) {
    try {
      return server.awaitTermination(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The grpc-java servers that Vert.x started in this process (the separate gRPC server). */
  static List<Server> runningServers() {
    List<Server> servers = new ArrayList<>();
    try {
      Field registry = VertxServer.class.getDeclaredField("map");
      registry.setAccessible(true);
      for (Object actual : ((Map<?, ?>) registry.get(null)).values()) {
        Field server = actual.getClass().getDeclaredField("server");
        server.setAccessible(true);
        servers.add((Server) server.get(actual));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warnf(
          "gRPC: cannot reach the server to send GOAWAY early (%s); new calls are refused with"
              + " UNAVAILABLE, and the running ones may be cut off at exit",
          e.toString());
    }
    return servers;
  }
}

package dev.modelport.serving.api.rest;

import dev.modelport.serving.lifecycle.ServingLifecycle;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * While the server shuts down ({@link ServingLifecycle#isDraining()}), answers every new REST
 * request 503 with a V2 error body and {@code Connection: close}, before any of its body is read,
 * so that clients and load balancers retry elsewhere; the requests already received are answered as
 * usual. Health ({@code /v2/health/*}, {@code /q/health*}) and metrics ({@code /q/metrics}) go on
 * answering, readiness with 503.
 */
@ApplicationScoped
public class DrainingRefusal {

  static final String MESSAGE = "the server is shutting down; retry on another replica";

  /** How long no request may have been refused before the port closes. */
  static final Duration QUIET = Duration.ofMillis(250);

  /** The longest the port stays open for refusals after the requests received were answered. */
  static final Duration MAX_LINGER = Duration.ofSeconds(2);

  @Inject ServingLifecycle lifecycle;

  private volatile long lastRefusalNanos = System.nanoTime();

  void register(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::check);
  }

  private void check(RoutingContext ctx) {
    if (lifecycle.isDraining() && !answeredWhileDraining(ctx.normalizedPath())) {
      lastRefusalNanos = System.nanoTime();
      RouteRefusal.refuseAndClose(ctx, 503, MESSAGE);
      return;
    }
    ctx.next();
  }

  /** Runs before the models unload and the ports close: waits for the refusals to go quiet. */
  void lingerForRefusals(@Observes @Priority(2) ShutdownEvent event) {
    long deadline = System.nanoTime() + MAX_LINGER.toNanos();
    while (System.nanoTime() - lastRefusalNanos < QUIET.toNanos() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  /** Health and metrics paths, which report the shutdown rather than being refused. */
  static boolean answeredWhileDraining(String path) {
    return path.startsWith("/v2/health/") || path.startsWith("/q/");
  }
}

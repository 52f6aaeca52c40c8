package dev.modelport.serving.api.rest;

import dev.modelport.serving.lifecycle.ServingLifecycle;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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

  @Inject ServingLifecycle lifecycle;

  void register(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::check);
  }

  private void check(RoutingContext ctx) {
    if (lifecycle.isDraining() && !answeredWhileDraining(ctx.normalizedPath())) {
      RouteRefusal.refuseAndClose(ctx, 503, MESSAGE);
      return;
    }
    ctx.next();
  }

  /** Health and metrics paths, which report the shutdown rather than being refused. */
  static boolean answeredWhileDraining(String path) {
    return path.startsWith("/v2/health/") || path.startsWith("/q/");
  }
}

package dev.modelport.serving.api.rest;

import dev.modelport.serving.config.ServingConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds {@code
 * modelport.serving.limits.max-body-size} with 413 and a V2 error body, from the headers alone,
 * before any of the body is read (a Vert.x route handler ahead of the REST layer). Bodies sent
 * without a length are bounded by {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class BodySizeLimit {

  @Inject ServingConfig config;

  void register(@Observes Router router) {
    long max = config.limits().maxBodySize().asLongValue();
    router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> check(ctx, max));
  }

  private static void check(RoutingContext ctx, long max) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        RouteRefusal.refuse(ctx, 400, "invalid Content-Length '" + length + "'");
        return;
      }
      if (declared > max) {
        RouteRefusal.refuse(
            ctx,
            413,
            "request body of "
                + declared
                + " bytes exceeds the limit of "
                + max
                + " bytes (modelport.serving.limits.max-body-size)");
        return;
      }
    }
    ctx.next();
  }
}

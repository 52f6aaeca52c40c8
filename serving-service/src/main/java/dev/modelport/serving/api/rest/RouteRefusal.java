package dev.modelport.serving.api.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.rest.ErrorResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request from a Vert.x route handler, ahead of the REST layer and without reading its
 * body: the V2 error body {@code {"error": "..."}} with {@code Connection: close}. Stateless.
 */
final class RouteRefusal {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RouteRefusal() {}

  /** Answers {@code status}; HTTP/1.x clients are told to close the connection. */
  static void refuse(RoutingContext ctx, int status, String message) {
    answer(ctx, status, message, false);
  }

  /** Answers {@code status} and closes an HTTP/1.x connection once the answer is written. */
  static void refuseAndClose(RoutingContext ctx, int status, String message) {
    answer(ctx, status, message, true);
  }

  private static void answer(RoutingContext ctx, int status, String message, boolean close) {
    String body;
    try {
      body = JSON.writeValueAsString(new ErrorResponse(message));
    } catch (JsonProcessingException e) {
      body = "{\"error\":\"request refused\"}";
    }
    var response = ctx.response();
    if (ctx.request().version() != HttpVersion.HTTP_2) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
      if (close) {
        response.endHandler(done -> ctx.request().connection().close());
      }
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body);
  }
}

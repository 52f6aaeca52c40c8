package dev.modelport.drift.api;

import dev.modelport.drift.error.DriftApiException;
import dev.modelport.drift.error.InvalidParameterException;
import dev.modelport.drift.error.ResultsNotFoundException;
import dev.modelport.protocol.rest.ErrorResponse;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * The one status table of the drift-monitor's HTTP API: {@link InvalidParameterException} is 400
 * (the message names the parameter), {@link ResultsNotFoundException} 404, a JAX-RS {@link
 * WebApplicationException} (unknown path, wrong method) keeps its status, anything else is 500.
 *
 * <p>The body is {@code {"error": "..."}}, except for resources that produce {@code text/html} (the
 * report page), whose errors are an HTML page with the same (escaped) message, for a browser. A
 * body never holds a stack trace, an exception class or a file path: a 500 says only "internal
 * error", and its stack trace goes to the log. Stateless and thread-safe.
 */
public class ApiExceptionMapper {

  private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

  @ServerExceptionMapper
  public Response drift(DriftApiException e, SimpleResourceInfo resource) {
    int status;
    if (e instanceof InvalidParameterException) {
      status = 400;
    } else if (e instanceof ResultsNotFoundException) {
      status = 404;
    } else {
      // unreachable while DriftApiException's permits are all listed above
      status = 500;
    }
    return error(status, e.getMessage(), resource);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, SimpleResourceInfo resource) {
    int status = e.getResponse().getStatus();
    Response.StatusType type = Response.Status.fromStatusCode(status);
    return error(
        status, "HTTP " + status + (type == null ? "" : " " + type.getReasonPhrase()), resource);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, SimpleResourceInfo resource) {
    LOG.error("Unexpected failure of a drift API request", e);
    return error(500, "internal error", resource);
  }

  /** The answer with {@code status} and {@code message}, as JSON or, for an HTML page, as HTML. */
  static Response error(int status, String message, SimpleResourceInfo resource) {
    if (producesHtml(resource)) {
      return Response.status(status)
          .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
          .entity(
              "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
                  + status
                  + "</title></head><body><p>"
                  + Html.escape(message)
                  + "</p></body></html>")
          .build();
    }
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(message))
        .build();
  }

  private static boolean producesHtml(SimpleResourceInfo resource) {
    Class<?> type = resource == null ? null : resource.getResourceClass();
    Produces produces = type == null ? null : type.getAnnotation(Produces.class);
    return produces != null && Arrays.asList(produces.value()).contains(MediaType.TEXT_HTML);
  }
}

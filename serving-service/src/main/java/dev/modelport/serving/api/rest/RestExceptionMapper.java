package dev.modelport.serving.api.rest;

import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.serving.error.ServingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps exceptions thrown by the REST resources to V2 error answers with the status of the one
 * status table ({@code ErrorKind}). Protocol errors (TensorFormatException) are 400.
 */
public class RestExceptionMapper {

  @ServerExceptionMapper
  public Response serving(ServingException e) {
    return RestErrors.response(e);
  }

  @ServerExceptionMapper
  public Response tensorFormat(TensorFormatException e) {
    return RestErrors.response(e);
  }

  /**
   * Anything else: a 500 with the V2 error body and a generic message (the exception is logged),
   * never Quarkus' plain-text error page with the exception's message.
   */
  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    return RestErrors.response(e);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    return RestErrors.response(status, e.getMessage() == null ? "HTTP " + status : e.getMessage());
  }
}

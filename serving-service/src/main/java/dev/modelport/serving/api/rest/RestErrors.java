package dev.modelport.serving.api.rest;

import dev.modelport.protocol.rest.ErrorResponse;
import dev.modelport.serving.error.ErrorStatus;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Turns any failure into the V2 error answer {@code {"error": "..."}} with its status. */
final class RestErrors {

  private RestErrors() {}

  static Response response(Throwable failure) {
    ErrorStatus status = ErrorStatus.of(failure);
    return response(status.kind().httpStatus(), status.message());
  }

  static Response response(int httpStatus, String message) {
    return Response.status(httpStatus)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(message))
        .build();
  }
}

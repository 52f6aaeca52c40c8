package dev.modelport.registry.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.modelport.registry.error.ConflictException;
import dev.modelport.registry.error.ForbiddenOperationException;
import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.error.NotFoundException;
import dev.modelport.registry.error.PayloadTooLargeException;
import dev.modelport.registry.error.RegistryException;
import dev.modelport.registry.security.ApiKeys;
import dev.modelport.registryclient.api.ErrorBody;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one status table of the API: every failure becomes {@code {"error": "..."}} with 400 (naming
 * the field), 401, 403, 404, 409, 413 or 500. Stack traces are logged only for 500.
 */
public class ApiExceptionMapper {
  private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

  @ServerExceptionMapper
  public Response registry(RegistryException e) {
    int status;
    if (e instanceof InvalidInputException) {
      status = 400;
    } else if (e instanceof NotFoundException) {
      status = 404;
    } else if (e instanceof ConflictException) {
      status = 409;
    } else if (e instanceof PayloadTooLargeException) {
      status = 413;
    } else if (e instanceof ForbiddenOperationException) {
      status = 403;
    } else {
      status = 500;
    }
    if (status == 500) {
      LOG.error("Storage failure", e);
    }
    return error(status, e.getMessage());
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthorized(RuntimeException e) {
    return Response.status(401)
        .header("WWW-Authenticate", "Bearer realm=\"modelport-registry\"")
        .type(MediaType.APPLICATION_JSON)
        .entity(
            new ErrorBody(
                "a valid API key is required (Authorization: Bearer <key> or X-Api-Key); "
                    + ApiKeys.HOW_TO_ADD_ONE))
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return error(403, "the API key's role does not allow this operation");
  }

  // Listed explicitly: RESTEasy Reactive ships its own mappers for these Jackson subtypes.
  @ServerExceptionMapper({
    JsonProcessingException.class,
    MismatchedInputException.class,
    InvalidFormatException.class,
    JsonParseException.class,
    ValueInstantiationException.class
  })
  public Response json(JsonProcessingException e) {
    return error(400, field(e) + ": " + e.getOriginalMessage());
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return json(json);
    }
    int status = e.getResponse().getStatus();
    return error(status, e.getMessage() == null ? "HTTP " + status : e.getMessage());
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e) {
    LOG.error("Unexpected failure", e);
    return error(500, "internal error: " + e.getClass().getSimpleName());
  }

  static Response error(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorBody(message))
        .build();
  }

  private static String field(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return mapping.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."))
          .replace(".[", "[");
    }
    return "body";
  }
}

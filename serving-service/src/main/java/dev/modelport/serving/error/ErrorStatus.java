package dev.modelport.serving.error;

import dev.modelport.protocol.tensor.TensorFormatException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Maps any failure of a request to what the client sees: the kind (HTTP status, gRPC code, metric
 * outcome) and a message. Used by both the REST and the gRPC edge, so the two agree.
 *
 * <p>Unexpected exceptions become {@link ErrorKind#INTERNAL} with a generic message that carries
 * nothing of theirs but the class name (their messages may hold paths or internals); they are
 * logged once here with their stack trace, since they point at a bug. Engine failures are logged
 * where they happen, once per failed engine call, by the batcher.
 *
 * @param kind the error kind
 * @param message the message for the client
 */
public record ErrorStatus(ErrorKind kind, String message) {

  private static final Logger LOG = Logger.getLogger(ErrorStatus.class);

  /**
   * The status for {@code failure}, unwrapping completion wrappers; logs unexpected failures (once
   * per request: call it at the edge only).
   */
  public static ErrorStatus of(Throwable failure) {
    ErrorStatus status = classify(failure);
    Throwable t = unwrap(failure);
    if (status.kind() == ErrorKind.INTERNAL && !(t instanceof ServingException)) {
      LOG.errorf(t, "Request failed unexpectedly: %s", t.toString());
    }
    return status;
  }

  /** The status for {@code failure} without logging. */
  public static ErrorStatus classify(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ServingException se) {
      return new ErrorStatus(se.kind(), se.getMessage());
    }
    if (t instanceof TensorFormatException tfe) {
      return new ErrorStatus(ErrorKind.BAD_REQUEST, tfe.getMessage());
    }
    if (t instanceof StatusRuntimeException sre) {
      return new ErrorStatus(fromGrpc(sre.getStatus().getCode()), sre.getStatus().getDescription());
    }
    if (t instanceof CancellationException) {
      return new ErrorStatus(ErrorKind.UNAVAILABLE, "request cancelled");
    }
    return new ErrorStatus(
        ErrorKind.INTERNAL,
        "internal error (" + t.getClass().getSimpleName() + "); the server log has the details");
  }

  /** The gRPC status with this description. */
  public Status grpcStatus() {
    return Status.fromCode(kind.grpcCode()).withDescription(message);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static ErrorKind fromGrpc(Status.Code code) {
    for (ErrorKind k : ErrorKind.values()) {
      if (k.grpcCode() == code && k != ErrorKind.QUEUE_FULL) {
        return k;
      }
    }
    return ErrorKind.INTERNAL;
  }
}

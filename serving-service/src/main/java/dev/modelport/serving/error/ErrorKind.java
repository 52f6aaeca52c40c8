package dev.modelport.serving.error;

import io.grpc.Status;

/**
 * The one status table of the service: every failure the API reports falls into one kind, which
 * fixes its HTTP status, its gRPC code and the {@code outcome} tag of the request metrics.
 */
public enum ErrorKind {
  /** Malformed or mismatched input. */
  BAD_REQUEST(400, Status.Code.INVALID_ARGUMENT, "client_error"),
  /** Unknown model or version. */
  NOT_FOUND(404, Status.Code.NOT_FOUND, "client_error"),
  /** Request body or tensor beyond the configured limits. */
  PAYLOAD_TOO_LARGE(413, Status.Code.RESOURCE_EXHAUSTED, "client_error"),
  /** The model's queue is full. */
  QUEUE_FULL(429, Status.Code.RESOURCE_EXHAUSTED, "rejected"),
  /** Model or server not ready (loading, draining, unloaded, shutting down). */
  UNAVAILABLE(503, Status.Code.UNAVAILABLE, "unavailable"),
  /** The request's timeout passed before it completed. */
  TIMEOUT(504, Status.Code.DEADLINE_EXCEEDED, "timeout"),
  /** Missing credentials for an admin operation. */
  UNAUTHORIZED(401, Status.Code.UNAUTHENTICATED, "client_error"),
  /** Anything else: an engine failure or a bug. */
  INTERNAL(500, Status.Code.INTERNAL, "server_error");

  private final int httpStatus;
  private final Status.Code grpcCode;
  private final String outcome;

  ErrorKind(int httpStatus, Status.Code grpcCode, String outcome) {
    this.httpStatus = httpStatus;
    this.grpcCode = grpcCode;
    this.outcome = outcome;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public Status.Code grpcCode() {
    return grpcCode;
  }

  /** The value of the {@code outcome} metric tag for requests that end this way. */
  public String outcome() {
    return outcome;
  }
}

package dev.modelport.serving.inference;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An inference request as the transports hand it over, already decoded. Immutable.
 *
 * @param model model name
 * @param version requested version, empty for the default
 * @param id request id to echo, may be null
 * @param inputs input tensors in any order
 * @param requestedOutputs names of the outputs to return; empty means all
 * @param timeoutMicros the request's {@code timeout} parameter in microseconds, if any
 * @param protocol the transport
 * @param routeKey the {@code x-modelport-route-key} header or metadata, or null: requests with the
 *     same key land on the same side of a canary
 */
public record InferCall(
    String model,
    Optional<VersionNumber> version,
    String id,
    List<Tensor> inputs,
    Set<String> requestedOutputs,
    Optional<Long> timeoutMicros,
    Protocol protocol,
    String routeKey) {

  /** The header (REST) and metadata key (gRPC) of the routing key. */
  public static final String ROUTE_KEY = "x-modelport-route-key";
}

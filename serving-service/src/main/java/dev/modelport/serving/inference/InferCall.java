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
 */
public record InferCall(
    String model,
    Optional<VersionNumber> version,
    String id,
    List<Tensor> inputs,
    Set<String> requestedOutputs,
    Optional<Long> timeoutMicros,
    Protocol protocol) {}

package dev.modelport.serving.inference;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.Tensor;
import java.util.List;

/**
 * The answer to an {@link InferCall}. Immutable.
 *
 * @param model model name
 * @param version the version that answered
 * @param id the request's id, may be null
 * @param outputs the requested outputs, in signature order
 */
public record InferResult(String model, VersionNumber version, String id, List<Tensor> outputs) {}

package dev.modelport.serving.repository;

import java.util.List;
import java.util.Optional;

/**
 * The inputs and outputs of a model, in the order the engine takes and returns them. Immutable.
 *
 * @param inputs input tensors, at least one
 * @param outputs output tensors, at least one
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

  public ModelSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("a signature needs at least one input and one output");
    }
  }

  /**
   * True when every input and output has a variable first dimension: requests can then be joined
   * along dimension 0. A model with a fixed first dimension is served unbatched.
   */
  public boolean batchable() {
    return inputs.stream().allMatch(TensorSpec::batchable)
        && outputs.stream().allMatch(TensorSpec::batchable);
  }

  public Optional<TensorSpec> input(String name) {
    return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<TensorSpec> output(String name) {
    return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}

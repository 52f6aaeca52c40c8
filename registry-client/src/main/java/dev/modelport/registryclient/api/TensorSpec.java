package dev.modelport.registryclient.api;

import java.util.List;

/**
 * One input or output tensor of a signature.
 *
 * @param name tensor name as the model declares it
 * @param datatype Open Inference Protocol datatype (FP32, INT64, ...)
 * @param shape dimensions, -1 for a variable one
 * @param features the features along the last dimension, in column order; empty when not tabular
 */
public record TensorSpec(String name, String datatype, List<Long> shape, List<Feature> features) {
  public TensorSpec {
    shape = Copies.list(shape);
    features = Copies.list(features);
  }
}

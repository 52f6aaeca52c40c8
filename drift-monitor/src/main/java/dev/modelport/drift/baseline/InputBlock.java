package dev.modelport.drift.baseline;

import dev.modelport.protocol.tensor.DataType;

/**
 * One input tensor of a signature as the drift-monitor reads it: an {@code [N, columns]} tensor
 * whose columns are features {@code firstFeature .. firstFeature + columns - 1} of the version's
 * feature schema.
 *
 * @param name tensor name
 * @param datatype declared datatype
 * @param columns features carried by the last dimension
 * @param firstFeature index of its first feature in the schema
 */
public record InputBlock(String name, DataType datatype, int columns, int firstFeature) {}

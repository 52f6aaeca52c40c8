package dev.modelport.drift.baseline;

import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.FeatureSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the drift-monitor monitors of a version's {@code ModelSignature}: the features (names and
 * types, inputs in order, then columns) and where each input tensor's columns go, and the output
 * columns profiled for prediction drift ({@link OutputBlock}). Immutable.
 *
 * @param schema the input features
 * @param inputs where each input tensor's columns go
 * @param outputs the profiled outputs (possibly none)
 * @param outputSchema the output columns, all numeric; null when no output is profiled
 */
public record MonitoredSignature(
    FeatureSchema schema,
    List<InputBlock> inputs,
    List<OutputBlock> outputs,
    FeatureSchema outputSchema) {

  public MonitoredSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    int expected = 0;
    for (InputBlock b : inputs) {
      if (b.firstFeature() != expected) {
        throw new IllegalArgumentException(
            "input "
                + b.name()
                + " starts at feature "
                + b.firstFeature()
                + ", expected "
                + expected);
      }
      expected += b.columns();
    }
    if (expected != schema.size()) {
      throw new IllegalArgumentException(
          "inputs carry " + expected + " features, schema has " + schema.size());
    }
    int columns = outputs.stream().mapToInt(OutputBlock::columns).sum();
    if ((outputSchema == null ? 0 : outputSchema.size()) != columns) {
      throw new IllegalArgumentException("outputs carry " + columns + " columns");
    }
  }

  /** Without profiled outputs. */
  public MonitoredSignature(FeatureSchema schema, List<InputBlock> inputs) {
    this(schema, inputs, List.of(), null);
  }

  /** The same inputs with {@code outputs} profiled. */
  public static MonitoredSignature withOutputs(
      FeatureSchema schema, List<InputBlock> inputs, List<OutputBlock> outputs) {
    List<FeatureSpec> columns = new ArrayList<>();
    for (OutputBlock o : outputs) {
      o.columnNames().forEach(n -> columns.add(FeatureSpec.numeric(n)));
    }
    return new MonitoredSignature(
        schema, inputs, outputs, columns.isEmpty() ? null : new FeatureSchema(columns));
  }

  /** The input named {@code name}, or null. */
  public InputBlock input(String name) {
    for (InputBlock b : inputs) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    return null;
  }
}

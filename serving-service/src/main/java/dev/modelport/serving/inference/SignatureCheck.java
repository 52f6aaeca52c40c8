package dev.modelport.serving.inference;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.Float16;
import dev.modelport.protocol.tensor.Shapes;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.error.InvalidRequestException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a request against the model's signature and puts its inputs in signature order. Every
 * failure is an {@link InvalidRequestException} naming the tensor. Stateless.
 */
final class SignatureCheck {

  private SignatureCheck() {}

  static List<Tensor> orderedInputs(ModelSignature signature, List<Tensor> inputs) {
    Map<String, Tensor> byName = new HashMap<>();
    for (Tensor t : inputs) {
      if (byName.put(t.name(), t) != null) {
        throw new InvalidRequestException("input '" + t.name() + "' appears more than once");
      }
      if (signature.input(t.name()).isEmpty()) {
        throw new InvalidRequestException(
            "input '"
                + t.name()
                + "' is not an input of the model; expected "
                + names(signature.inputs()));
      }
    }
    List<Tensor> ordered = new ArrayList<>(signature.inputs().size());
    long rows = -1;
    for (TensorSpec spec : signature.inputs()) {
      Tensor t = byName.get(spec.name());
      if (t == null) {
        throw new InvalidRequestException(
            "input '"
                + spec.name()
                + "' is missing; the model expects "
                + names(signature.inputs()));
      }
      if (t.datatype() != spec.datatype()) {
        throw new InvalidRequestException(
            "input '"
                + spec.name()
                + "': datatype "
                + t.datatype()
                + " does not match the model's "
                + spec.datatype());
      }
      if (!spec.accepts(t.shape())) {
        throw new InvalidRequestException(
            "input '"
                + spec.name()
                + "': shape "
                + Shapes.format(t.shape())
                + " does not match the model's "
                + Shapes.format(spec.shape()));
      }
      if (spec.batchable()) {
        if (rows >= 0 && t.shape()[0] != rows) {
          throw new InvalidRequestException(
              "input '"
                  + spec.name()
                  + "': "
                  + t.shape()[0]
                  + " rows, but the other inputs have "
                  + rows);
        }
        rows = t.shape()[0];
      }
      checkFinite(t);
      ordered.add(t);
    }
    if (rows == 0) {
      throw new InvalidRequestException(
          "input '" + signature.inputs().get(0).name() + "': batch of 0 rows");
    }
    return ordered;
  }

  /**
   * Refuses NaN and infinities in floating-point inputs, whatever the transport (JSON cannot carry
   * them; the binary extension and gRPC raw contents can): the one rule of both edges.
   */
  static void checkFinite(Tensor t) {
    int index =
        switch (t.datatype()) {
          case FP32 -> firstNonFinite(floats(t));
          case FP64 -> firstNonFinite(doubles(t));
          case FP16 -> firstNonFiniteHalf(shorts(t));
          default -> -1;
        };
    if (index >= 0) {
      throw new InvalidRequestException(
          "input '"
              + t.name()
              + "': element "
              + index
              + " is NaN or infinite; inputs must be finite numbers");
    }
  }

  static void checkRequestedOutputs(ModelSignature signature, Set<String> requested) {
    for (String name : requested) {
      if (signature.output(name).isEmpty()) {
        throw new InvalidRequestException(
            "output '"
                + name
                + "' is not an output of the model; expected "
                + names(signature.outputs()));
      }
    }
  }

  private static String names(List<TensorSpec> specs) {
    return specs.stream().map(TensorSpec::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  private static FloatBuffer floats(Tensor t) {
    return t.isRaw() ? t.rawBytes().asFloatBuffer() : FloatBuffer.wrap((float[]) t.data());
  }

  private static DoubleBuffer doubles(Tensor t) {
    return t.isRaw() ? t.rawBytes().asDoubleBuffer() : DoubleBuffer.wrap((double[]) t.data());
  }

  private static ShortBuffer shorts(Tensor t) {
    return t.isRaw() ? t.rawBytes().asShortBuffer() : ShortBuffer.wrap((short[]) t.data());
  }

  private static int firstNonFinite(FloatBuffer x) {
    for (int i = 0, n = x.limit(); i < n; i++) {
      if (!Float.isFinite(x.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int firstNonFinite(DoubleBuffer x) {
    for (int i = 0, n = x.limit(); i < n; i++) {
      if (!Double.isFinite(x.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int firstNonFiniteHalf(ShortBuffer x) {
    for (int i = 0, n = x.limit(); i < n; i++) {
      if (Float16.isNonFinite(x.get(i))) {
        return i;
      }
    }
    return -1;
  }
}

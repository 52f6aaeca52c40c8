package dev.modelport.serving.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes tensors through to the engine without batching of its own (the {@code DynamicBatcher} has
 * already joined the requests): inputs become NDArrays of the call's manager and outputs are copied
 * to Java arrays before DJL closes that manager, so no native memory outlives the call. Outputs are
 * named from the signature: by name when the engine names them, else by position. Stateless and
 * thread-safe.
 */
final class TensorListTranslator implements NoBatchifyTranslator<List<Tensor>, List<Tensor>> {

  private final ModelSignature signature;

  TensorListTranslator(ModelSignature signature) {
    this.signature = signature;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<Tensor> inputs) {
    NDList list = new NDList(inputs.size());
    for (Tensor t : inputs) {
      list.add(NDArrayTensors.toNDArray(ctx.getNDManager(), t));
    }
    return list;
  }

  @Override
  public List<Tensor> processOutput(TranslatorContext ctx, NDList list) {
    List<TensorSpec> specs = signature.outputs();
    List<Tensor> outputs = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      String name = specs.get(i).name();
      NDArray array = list.get(name);
      if (array == null) {
        if (i >= list.size()) {
          throw new IllegalStateException(
              "model returned "
                  + list.size()
                  + " outputs, signature has "
                  + specs.size()
                  + " (missing '"
                  + name
                  + "')");
        }
        array = list.get(i);
      }
      outputs.add(NDArrayTensors.toTensor(name, array));
    }
    return outputs;
  }
}

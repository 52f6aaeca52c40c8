package dev.modelport.serving.inference;

import dev.modelport.protocol.tensor.Tensor;
import java.util.List;

/**
 * When an edge moves work off its event loop: both edges encode results of up to {@link
 * #INLINE_ENCODE_ELEMENTS} elements on the event loop the request came in on (no thread hop on the
 * latency path) and larger ones on the worker pool, so that a large tensor never stalls the loop.
 */
public final class Offload {

  /** Results up to this many elements are encoded on the event loop (a JSON body of some 64 KB). */
  public static final int INLINE_ENCODE_ELEMENTS = 4096;

  private Offload() {}

  /** The number of elements of {@code tensors}. */
  public static long elements(List<Tensor> tensors) {
    long n = 0;
    for (Tensor t : tensors) {
      n += t.elementCount();
    }
    return n;
  }

  /** Whether a result of {@code tensors} is encoded on the worker pool. */
  public static boolean encodeOnWorker(List<Tensor> tensors) {
    return elements(tensors) > INLINE_ENCODE_ELEMENTS;
  }
}

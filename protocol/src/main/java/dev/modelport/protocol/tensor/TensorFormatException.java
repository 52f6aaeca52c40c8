package dev.modelport.protocol.tensor;

/**
 * A tensor or inference request that does not follow the protocol: wrong JSON type, value out of
 * range, shape and data disagree, byte length mismatch, missing field. The one exception type of
 * the codecs; servers map it to HTTP 400 and gRPC {@code INVALID_ARGUMENT}.
 *
 * <p>Messages name the tensor and the problem, ready to show to the client: {@code input 'input':
 * expected 60 values for shape [2,30], got 59}. Problems that concern no single tensor start with
 * {@code request:} or {@code response:}.
 */
public class TensorFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String tensorName;

  /** A problem with the tensor {@code tensorName} ({@code "<role> '<name>': <problem>"}). */
  public TensorFormatException(TensorRole role, String tensorName, String problem) {
    super(role.label() + " '" + tensorName + "': " + problem);
    this.tensorName = tensorName;
  }

  private TensorFormatException(String message, String tensorName, Throwable cause) {
    super(message, cause);
    this.tensorName = tensorName;
  }

  /** A problem with the tensor {@code tensorName}, keeping the low-level cause (a JSON error). */
  public static TensorFormatException withCause(
      TensorRole role, String tensorName, String problem, Throwable cause) {
    return new TensorFormatException(
        role.label() + " '" + tensorName + "': " + problem, tensorName, cause);
  }

  /** A problem with the tensor at {@code index} whose name is not known (it may be the problem). */
  public static TensorFormatException atIndex(TensorRole role, int index, String problem) {
    return new TensorFormatException(
        role.label() + " at index " + index + ": " + problem, null, null);
  }

  /** A problem with the request or response as a whole ({@code "<what>: <problem>"}). */
  public static TensorFormatException ofMessage(String what, String problem, Throwable cause) {
    return new TensorFormatException(what + ": " + problem, null, cause);
  }

  /** The tensor concerned, or null when the problem is not about one named tensor. */
  public String tensorName() {
    return tensorName;
  }
}

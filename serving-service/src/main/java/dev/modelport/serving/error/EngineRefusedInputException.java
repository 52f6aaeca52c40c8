package dev.modelport.serving.error;

/**
 * The engine refused a request's input: an ONNX Runtime {@code ORT_INVALID_ARGUMENT}, a TorchScript
 * index or shape error (e.g. a categorical index beyond an embedding's rows). A client error: the
 * message names the model and the engine's reason in one line, without paths or tracebacks.
 */
public class EngineRefusedInputException extends ServingException {

  private static final long serialVersionUID = 1L;

  public EngineRefusedInputException(String message, Throwable cause) {
    super(ErrorKind.BAD_REQUEST, message, cause);
  }
}

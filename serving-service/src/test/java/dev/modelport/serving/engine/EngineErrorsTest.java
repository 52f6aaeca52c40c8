package dev.modelport.serving.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.serving.error.EngineFailedException;
import dev.modelport.serving.error.EngineRefusedInputException;
import dev.modelport.serving.error.ErrorKind;
import dev.modelport.serving.error.ErrorStatus;
import dev.modelport.serving.error.ServingException;
import org.junit.jupiter.api.Test;

class EngineErrorsTest {

  private static final String LABEL = "model 'credit-risk-mixed' version 2";

  /** What DJL's PyTorch engine reports for an embedding index beyond the table (torch 2.x). */
  private static final String TORCH_INDEX_ERROR =
      """
      The following operation failed in the TorchScript interpreter.
      Traceback of TorchScript, serialized code (most recent call last):
        File "code/__torch__/model.py", line 14, in forward
          _0 = self.embedding
          x = torch.embedding(_0.weight, categorical)
              ~~~~~~~~~~~~~~~ <--- HERE
      Traceback of TorchScript, original code (most recent call last):
        File "/home/alice/work/train/export_models.py", line 88, in forward
          return F.embedding(input, self.weight)
      IndexError: index out of range in self
      """;

  @Test
  void anOnnxRuntimeInvalidArgumentIsAClientErrorNamingTheModelAndReason() {
    ServingException e =
        EngineErrors.translate(
            LABEL,
            new RuntimeException(
                "ai.onnxruntime.OrtException: Error code - ORT_INVALID_ARGUMENT - message:"
                    + " Non-zero status code returned while running Gather node. Name:'/Gather'"
                    + " Status Message: indices element out of data bounds, idx=5 must be within"
                    + " the inclusive range [-4,3]"));

    assertThat(e).isInstanceOf(EngineRefusedInputException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    assertThat(e.getMessage())
        .isEqualTo(
            LABEL
                + ": the engine refused the input: indices element out of data bounds, idx=5"
                + " must be within the inclusive range [-4,3]");
  }

  @Test
  void aTorchScriptIndexErrorIsAClientErrorWithoutTracebackOrPaths() {
    ServingException e =
        EngineErrors.translate(LABEL, new RuntimeException(new Exception(TORCH_INDEX_ERROR)));

    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    assertThat(e.getMessage())
        .isEqualTo(LABEL + ": the engine refused the input: IndexError: index out of range in self")
        .doesNotContain("Traceback")
        .doesNotContain("/home");
  }

  @Test
  void aTorchScriptShapeRuntimeErrorIsAClientError() {
    ServingException e =
        EngineErrors.translate(
            LABEL,
            new RuntimeException(
                "The following operation failed in the TorchScript interpreter.\n"
                    + "Traceback of TorchScript (most recent call last):\n"
                    + "  File \"/opt/x.py\", line 3\n"
                    + "RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x3 and 4x16)\n"));

    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    assertThat(e.getMessage())
        .endsWith("RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x3 and 4x16)");
  }

  @Test
  void otherEngineFailuresAreInternalAndKeepTheirDetailForTheLogOnly() {
    ServingException e =
        EngineErrors.translate(
            LABEL,
            new RuntimeException(
                "The following operation failed in the TorchScript interpreter.\n"
                    + "  File \"/home/alice/model.py\", line 3\n"
                    + "RuntimeError: CUDA driver initialization failed\n"));

    assertThat(e).isInstanceOf(EngineFailedException.class);
    assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
    assertThat(e.getMessage())
        .isEqualTo(
            LABEL
                + ": the engine call failed (TorchScript RuntimeError); the server log has the"
                + " details");
    assertThat(((EngineFailedException) e).detail())
        .isEqualTo("RuntimeError: CUDA driver initialization failed");
    assertThat(ErrorStatus.classify(e).message()).doesNotContain("/home").doesNotContain("CUDA");
  }

  @Test
  void anUnexpectedExceptionsMessageNeverReachesTheClient() {
    ErrorStatus status =
        ErrorStatus.classify(new IllegalStateException("cannot read /var/lib/secret/model.pt"));

    assertThat(status.kind()).isEqualTo(ErrorKind.INTERNAL);
    assertThat(status.message()).doesNotContain("/var").contains("IllegalStateException");
  }

  @Test
  void pathsAreRemovedFromReasons() {
    assertThat(EngineErrors.clean("cannot open /tmp/a/b.onnx: no such file"))
        .isEqualTo("cannot open <path>: no such file");
    assertThat(EngineErrors.clean("first line\nsecond /x/y line")).isEqualTo("first line");
  }
}

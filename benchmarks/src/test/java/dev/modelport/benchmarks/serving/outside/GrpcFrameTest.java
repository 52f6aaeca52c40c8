package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcFrameTest {

  @Test
  void prefixesAnUncompressedFlagAndTheBigEndianLength() {
    byte[] message = new byte[0x012345];
    Arrays.fill(message, (byte) 7);

    byte[] framed = GrpcFrame.lengthPrefixed(message);

    assertThat(framed).hasSize(message.length + 5);
    assertThat(Arrays.copyOf(framed, 5)).containsExactly(0, 0, 0x01, 0x23, 0x45);
    assertThat(Arrays.copyOfRange(framed, 5, framed.length)).isEqualTo(message);
  }

  @Test
  void framesAModelInferRequestWithRawContents() throws Exception {
    float[] row = new float[30];
    for (int i = 0; i < row.length; i++) {
      row[i] = i / 10f;
    }
    Tensor input = new Tensor("input", DataType.FP32, new long[] {1, 30}, row);

    byte[] framed = GrpcFrame.modelInfer("breast-cancer-mlp", List.of(input));

    int length = ByteBuffer.wrap(framed, 1, 4).getInt();
    assertThat(framed[0]).isZero();
    assertThat(length).isEqualTo(framed.length - 5);
    ModelInferRequest request =
        ModelInferRequest.parseFrom(Arrays.copyOfRange(framed, 5, framed.length));
    assertThat(request.getModelName()).isEqualTo("breast-cancer-mlp");
    assertThat(request.getModelVersion()).isEmpty();
    assertThat(request.getInputs(0).getName()).isEqualTo("input");
    assertThat(request.getInputs(0).getShapeList()).containsExactly(1L, 30L);
    assertThat(request.getRawInputContentsCount()).isEqualTo(1);
    assertThat(request.getRawInputContents(0).size()).isEqualTo(30 * Float.BYTES);
  }

  @Test
  void callsTheV2ModelInferMethod() {
    assertThat(GrpcFrame.MODEL_INFER_PATH).isEqualTo("/inference.GRPCInferenceService/ModelInfer");
  }
}

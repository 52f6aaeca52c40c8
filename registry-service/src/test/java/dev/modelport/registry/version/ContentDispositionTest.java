package dev.modelport.registry.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {
  @Test
  void anAsciiNameIsAPlainQuotedFilename() {
    assertThat(ContentDisposition.attachment("model.onnx"))
        .isEqualTo("attachment; filename=\"model.onnx\"");
  }

  @Test
  void aUnicodeNameGetsAnAsciiFallbackAndAnRfc8187FilenameStar() {
    assertThat(ContentDisposition.attachment("modèle \"v2\".onnx"))
        .isEqualTo(
            "attachment; filename=\"mod_le _v2_.onnx\"; filename*=UTF-8''mod%C3%A8le%20%22v2%22.onnx");
  }
}

package dev.modelport.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.registry.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartStreamTest {
  private static final String BOUNDARY = "b0undary-42";

  private static byte[] body(byte[] file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(
        ("preamble to ignore\r\n--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"format\": \"onnx\"}\r\n--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"artifact\"; filename=\"dir/m.onnx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.write(file);
    out.write(("\r\n--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Hands out at most {@code chunk} bytes per read, as a network does. */
  private static InputStream trickle(byte[] bytes, int chunk) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1000, 65_536, 1 << 20})
  void partsArriveWhole(int chunk) throws IOException {
    byte[] file = new byte[300_000];
    new Random(chunk).nextBytes(file);
    // bytes that look like the start of a boundary must stay part of the content
    byte[] fake = ("\r\n--" + BOUNDARY.substring(0, 5)).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(fake, 0, file, 65_530, fake.length);
    MultipartStream form =
        MultipartStream.of(
            "multipart/form-data; boundary=\"" + BOUNDARY + "\"", trickle(body(file), chunk));

    MultipartStream.Part metadata = form.next().orElseThrow();
    assertThat(metadata.name()).isEqualTo("metadata");
    assertThat(metadata.fileName()).isNull();
    assertThat(metadata.contentType()).isEqualTo("application/json");
    assertThat(new String(metadata.content().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"format\": \"onnx\"}");
    MultipartStream.Part artifact = form.next().orElseThrow();
    assertThat(artifact.name()).isEqualTo("artifact");
    assertThat(artifact.fileName()).isEqualTo("dir/m.onnx");
    assertThat(artifact.content().readAllBytes()).isEqualTo(file);
    assertThat(form.next()).isEmpty();
    assertThat(form.finished()).isTrue();
  }

  @Test
  void anUnreadPartIsSkipped() throws IOException {
    MultipartStream form =
        MultipartStream.of(
            "multipart/form-data; boundary=" + BOUNDARY,
            new ByteArrayInputStream(body(new byte[10_000])));
    form.next().orElseThrow();
    assertThat(form.next().map(MultipartStream.Part::name)).isEqualTo(Optional.of("artifact"));
    assertThat(form.next()).isEmpty();
  }

  @Test
  void aBodyCutOffInsideAPartFailsTheRead() throws IOException {
    byte[] whole = body(new byte[100_000]);
    MultipartStream form =
        MultipartStream.of(
            "multipart/form-data; boundary=" + BOUNDARY,
            new ByteArrayInputStream(Arrays.copyOf(whole, whole.length / 2)));
    form.next().orElseThrow();
    InputStream artifact = form.next().orElseThrow().content();
    assertThatThrownBy(artifact::readAllBytes)
        .isInstanceOf(RequestBodyException.class)
        .hasMessageContaining("closing boundary");
  }

  @Test
  void aFailingConnectionIsARequestBodyFailure() throws IOException {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("Connection was closed");
          }
        };
    MultipartStream form = MultipartStream.of("multipart/form-data; boundary=x", broken);
    assertThatThrownBy(form::next)
        .isInstanceOf(RequestBodyException.class)
        .hasMessageContaining("Connection was closed");
  }

  @Test
  void aContentTypeWithoutBoundaryIsRefusedNamingTheHeader() {
    assertThatThrownBy(() -> MultipartStream.of("application/json", InputStream.nullInputStream()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("Content-Type:");
    assertThatThrownBy(
            () -> MultipartStream.of("multipart/form-data", InputStream.nullInputStream()))
        .hasMessageContaining("boundary");
  }
}

package dev.modelport.serving.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.serving.model.ModelFormat;
import dev.modelport.serving.tracing.RecordingTracers;
import dev.modelport.serving.tracing.ServingTracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCacheTest {

  @TempDir Path dir;

  private static final byte[] BYTES = "model bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  void aFetchedBlobIsStoredUnderItsShaAndNotDownloadedTwice() throws Exception {
    ArtifactCache cache = new ArtifactCache(dir);
    AtomicInteger downloads = new AtomicInteger();
    Path blob =
        cache.fetch("m", 1, sha(BYTES), ModelFormat.ONNX, out -> write(out, BYTES, downloads));
    assertThat(blob.getFileName().toString()).isEqualTo(sha(BYTES) + ".onnx");
    assertThat(Files.readAllBytes(blob)).isEqualTo(BYTES);
    cache.fetch("m", 1, sha(BYTES), ModelFormat.ONNX, out -> write(out, BYTES, downloads));
    assertThat(downloads).hasValue(1);
    assertThat(cache.bytes()).isEqualTo(BYTES.length);
  }

  @Test
  void bytesThatDoNotHashToTheAnnouncedShaAreRefusedAndNotStored() throws Exception {
    ArtifactCache cache = new ArtifactCache(dir);
    String announced = sha("other".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> cache.fetch("m", 1, announced, ModelFormat.ONNX, out -> write(out, BYTES, null)))
        .isInstanceOf(ArtifactRefusedException.class)
        .hasMessageContaining("checksum mismatch");
    assertThat(cache.blob(announced, ModelFormat.ONNX)).doesNotExist();
    try (var tmp = Files.list(dir.resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
  }

  @Test
  void aBlobChangedOnDiskIsDownloadedAgain() throws Exception {
    ArtifactCache cache = new ArtifactCache(dir);
    AtomicInteger downloads = new AtomicInteger();
    Path blob =
        cache.fetch("m", 1, sha(BYTES), ModelFormat.ONNX, out -> write(out, BYTES, downloads));
    Files.write(blob, "tampered".getBytes(StandardCharsets.UTF_8));
    assertThat(ArtifactCache.verified(blob, sha(BYTES))).isFalse();
    cache.fetch("m", 1, sha(BYTES), ModelFormat.ONNX, out -> write(out, BYTES, downloads));
    assertThat(downloads).hasValue(2);
    assertThat(Files.readAllBytes(blob)).isEqualTo(BYTES);
  }

  @Test
  void eachChecksumCheckIsAVerifySpanNamingTheModelAndVersion() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = RecordingTracers.into(spans)) {
      ArtifactCache cache = new ArtifactCache(dir, new ServingTracer(provider.get("test"), 1.0));

      // missing: the check of the (absent) cached blob, then the check of the downloaded bytes
      cache.fetch("breast", 3, sha(BYTES), ModelFormat.ONNX, out -> write(out, BYTES, null));

      assertThat(spans.getFinishedSpanItems())
          .hasSize(2)
          .allSatisfy(
              d -> {
                assertThat(d.getName()).isEqualTo(ServingTracer.VERIFY);
                assertThat(d.getAttributes().get(ServingTracer.MODEL)).isEqualTo("breast");
                assertThat(d.getAttributes().get(ServingTracer.VERSION)).isEqualTo("3");
              });
    }
  }

  private static Object write(java.io.OutputStream out, byte[] bytes, AtomicInteger downloads) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (downloads != null) {
      downloads.incrementAndGet();
    }
    return null;
  }

  private static String sha(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

package dev.modelport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryJson;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB artifact goes up and comes back down through the packaged registry running with {@code
 * -Xmx256m}: uploads and downloads stream, the heap does not hold the artifact, and the checksum
 * survives. Runs in {@code verify} (failsafe) against target/quarkus-app, started by test-support's
 * {@link PackagedService}.
 */
class LargeArtifactIT {
  private static final long SIZE = 1L << 30;
  private static final String KEY = "it-admin-key";

  private static PackagedService registry;
  private static Path work;
  private static URI base;

  @BeforeAll
  static void startRegistry() throws Exception {
    work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "large-artifact-it");
    Files.createDirectories(work.resolve("tmp"));
    int port = FreePorts.next();
    base = URI.create("http://127.0.0.1:" + port);
    String keyHash =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY.getBytes()));
    registry =
        PackagedService.of("registry-service")
            .httpPort(port)
            .jvmArg("-Xmx256m")
            .jvmArg("-Djava.io.tmpdir=" + work.resolve("tmp"))
            .property("modelport.registry.data-dir", work)
            .property("modelport.registry.upload.max-size", "2G")
            .property("modelport.registry.security.api-keys.it.sha256", keyHash)
            .property("modelport.registry.security.api-keys.it.role", "admin")
            .workDir(work)
            .log(Path.of("target", "large-artifact-it.log").toAbsolutePath())
            .start();
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void oneGibArtifactUploadsAndDownloadsThroughA256MibHeapWithItsChecksum() throws Exception {
    RegistryClient client =
        RegistryClient.builder(base).apiKey(KEY).requestTimeout(Duration.ofMinutes(5)).build();
    client.createModel(new NewModel("huge", "1 GiB artifact", null));
    VersionMetadata metadata =
        RegistryJson.newMapper().readValue(Api.METADATA, VersionMetadata.class);
    GeneratedStream generated = new GeneratedStream(SIZE);

    long started = System.nanoTime();
    ModelVersion version =
        client.uploadVersion("huge", VersionUpload.of("huge.onnx", () -> generated, metadata));
    long uploaded = System.nanoTime();
    String uploadedSha = generated.sha256();
    CountingOutputStream sink = new CountingOutputStream();
    String downloadedSha = client.downloadArtifact("huge", version.version(), sink);
    System.out.printf(
        "1 GiB upload %d ms, download %d ms%n",
        (uploaded - started) / 1_000_000, (System.nanoTime() - uploaded) / 1_000_000);

    assertThat(version.artifact().size()).isEqualTo(SIZE);
    assertThat(version.artifact().sha256()).isEqualTo(uploadedSha);
    assertThat(downloadedSha).isEqualTo(uploadedSha);
    assertThat(sink.count).isEqualTo(SIZE);
    assertThat(registry.process().isAlive()).isTrue();
  }

  /**
   * Deterministic bytes, hashed as they are read: a 1 MiB random block repeated, each copy stamped
   * with its index so that no two MiB are equal.
   */
  private static final class GeneratedStream extends InputStream {
    private static final int BLOCK = 1 << 20;
    private final long size;
    private final MessageDigest digest;
    private final byte[] block = new byte[BLOCK];
    private long produced;

    GeneratedStream(long size) throws Exception {
      this.size = size;
      this.digest = MessageDigest.getInstance("SHA-256");
      new java.util.Random(42).nextBytes(block);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (produced >= size) {
        return -1;
      }
      int inBlock = (int) (produced % BLOCK);
      if (inBlock == 0) {
        long index = produced / BLOCK;
        for (int i = 0; i < 8; i++) {
          block[i] = (byte) (index >>> (8 * i));
        }
        if (index == 0) {
          // an ONNX ModelProto as the format check sees it: ir_version 8, then a doc_string
          // holding the rest of the bytes (its 5-byte varint length completes 8 header bytes)
          long rest = size - 8;
          block[0] = 0x08;
          block[1] = 8;
          block[2] = 0x32;
          for (int i = 0; i < 5; i++) {
            block[3 + i] = (byte) ((rest >>> (7 * i)) & 0x7f | (i < 4 ? 0x80 : 0));
          }
        }
      }
      int n = (int) Math.min(Math.min(length, size - produced), BLOCK - inBlock);
      System.arraycopy(block, inBlock, buffer, offset, n);
      digest.update(buffer, offset, n);
      produced += n;
      return n;
    }

    String sha256() {
      assertThat(produced).isEqualTo(size);
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  private static final class CountingOutputStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}

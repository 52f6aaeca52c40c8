package dev.modelport.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.error.PayloadTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link BlobStore} backend must have; each backend subclasses this class. */
public abstract class BlobStoreContractTest {
  protected BlobStore store;

  /** A new, empty store. */
  protected abstract BlobStore createStore() throws Exception;

  @BeforeEach
  void freshStore() throws Exception {
    store = createStore();
  }

  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static Sha256 sha(byte[] b) throws Exception {
    return new Sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
  }

  private StoredBlob put(byte[] content) throws IOException {
    return store.put(new ByteArrayInputStream(content), Optional.empty(), Long.MAX_VALUE);
  }

  @Test
  void storedBlobIsAddressedByItsSha256AndReadsBackWhole() throws Exception {
    byte[] content = bytes(70_000, 1);
    StoredBlob blob = put(content);

    assertThat(blob.sha256()).isEqualTo(sha(content));
    assertThat(blob.size()).isEqualTo(70_000);
    assertThat(blob.created()).isTrue();
    assertThat(store.size(blob.sha256())).contains(70_000L);
    try (InputStream in = store.open(blob.sha256(), 0, -1)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(store.list()).containsExactly(blob.sha256());
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  void rangesReadExactlyTheAskedBytes() throws Exception {
    byte[] content = bytes(10_000, 2);
    Sha256 digest = put(content).sha256();
    try (InputStream in = store.open(digest, 1234, 100)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 1234, 1334));
    }
    try (InputStream in = store.open(digest, 9990, -1)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 9990, 10_000));
    }
  }

  @Test
  void contentLargerThanOneUploadPartIsStoredIntact() throws Exception {
    byte[] content = bytes(12 * 1024 * 1024 + 17, 3);
    StoredBlob blob = put(content);
    assertThat(blob.sha256()).isEqualTo(sha(content));
    try (InputStream in = store.open(blob.sha256(), 0, -1)) {
      assertThat(sha(in.readAllBytes())).isEqualTo(sha(content));
    }
  }

  @Test
  void identicalContentIsStoredOnce() throws Exception {
    byte[] content = bytes(1000, 4);
    assertThat(put(content).created()).isTrue();
    assertThat(put(content).created()).isFalse();
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void emptyContentIsABlobToo() throws Exception {
    StoredBlob blob = put(new byte[0]);
    assertThat(blob.size()).isZero();
    try (InputStream in = store.open(blob.sha256(), 0, 0)) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  @Test
  void wrongExpectedDigestStoresNothing() throws Exception {
    byte[] content = bytes(1000, 5);
    Optional<Sha256> wrong = Optional.of(new Sha256("a".repeat(64)));
    assertThatThrownBy(() -> store.put(new ByteArrayInputStream(content), wrong, Long.MAX_VALUE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sha256");
    assertThat(store.list()).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  void matchingExpectedDigestIsAccepted() throws Exception {
    byte[] content = bytes(1000, 6);
    assertThat(
            store
                .put(new ByteArrayInputStream(content), Optional.of(sha(content)), Long.MAX_VALUE)
                .sha256())
        .isEqualTo(sha(content));
  }

  @Test
  void contentOverTheLimitStoresNothing() throws Exception {
    assertThatThrownBy(
            () -> store.put(new ByteArrayInputStream(bytes(2000, 7)), Optional.empty(), 1999))
        .isInstanceOf(PayloadTooLargeException.class);
    assertThat(store.list()).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  void streamFailingHalfWayStoresNothing() throws Exception {
    InputStream broken =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served++ > 6 * 1024 * 1024) {
              throw new IOException("connection reset");
            }
            return served & 0xff;
          }
        };
    assertThatThrownBy(() -> store.put(broken, Optional.empty(), Long.MAX_VALUE))
        .isInstanceOf(IOException.class);
    assertThat(store.list()).isEmpty();
    assertThat(store.pendingCount()).isZero();
  }

  @Test
  void deleteRemovesOnlyThatBlob() throws Exception {
    Sha256 kept = put(bytes(100, 8)).sha256();
    Sha256 deleted = put(bytes(100, 9)).sha256();

    assertThat(store.delete(deleted)).isTrue();
    assertThat(store.delete(deleted)).isFalse();
    assertThat(store.size(deleted)).isEmpty();
    assertThat(store.list()).containsExactly(kept);
    assertThatThrownBy(() -> store.open(deleted, 0, -1).close())
        .isInstanceOf(NoSuchFileException.class);
  }
}

package dev.modelport.registry.storage;

import dev.modelport.registry.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects {@code <prefix>sha256/<first two hex>/<hex>} in an S3-compatible bucket.
 *
 * <p>A put streams to a temporary key {@code <prefix>tmp/<uuid>} (one {@code PutObject} when the
 * content fits one part, else a multipart upload holding one part of {@code partSize} bytes in
 * memory), verifies the digest, then copies server-side to the final key and deletes the temporary
 * object; a failed put aborts the multipart upload and deletes the temporary object. Server-side
 * copy limits a blob to 5 GiB. Thread-safe (the S3 client is); owns and closes the client.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int partSize;

  public S3BlobStore(S3Client s3, String bucket, String prefix, int partSize) {
    if (partSize < 5 * 1024 * 1024) {
      throw new IllegalArgumentException("S3 multipart parts must be at least 5 MiB");
    }
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
    this.partSize = partSize;
  }

  @Override
  public StoredBlob put(InputStream content, Optional<Sha256> expected, long maxSize)
      throws IOException {
    String tempKey = prefix + "tmp/" + UUID.randomUUID();
    LimitedDigestInputStream in = new LimitedDigestInputStream(content, maxSize);
    try {
      upload(in, tempKey);
      Sha256 actual = in.sha256();
      if (expected.isPresent() && !expected.get().equals(actual)) {
        throw new InvalidInputException(
            "sha256", "declared " + expected.get() + " but the artifact hashes to " + actual);
      }
      String key = key(actual);
      if (size(actual).isPresent()) {
        return new StoredBlob(actual, in.count(), false);
      }
      s3.copyObject(
          b ->
              b.sourceBucket(bucket)
                  .sourceKey(tempKey)
                  .destinationBucket(bucket)
                  .destinationKey(key));
      return new StoredBlob(actual, in.count(), true);
    } finally {
      s3.deleteObject(b -> b.bucket(bucket).key(tempKey));
    }
  }

  private void upload(InputStream in, String key) throws IOException {
    byte[] part = new byte[partSize];
    int n = in.readNBytes(part, 0, partSize);
    if (n < partSize) {
      s3.putObject(b -> b.bucket(bucket).key(key), body(part, n));
      return;
    }
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (int number = 1; n > 0; number++) {
        int partNumber = number;
        long length = n;
        String etag =
            s3.uploadPart(
                    b ->
                        b.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(partNumber)
                            .contentLength(length),
                    body(part, n))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        n = in.readNBytes(part, 0, partSize);
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key(key)
                  .uploadId(uploadId)
                  .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
    } catch (IOException | RuntimeException e) {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      throw e;
    }
  }

  private static RequestBody body(byte[] buffer, int length) {
    // A content provider avoids the copy that RequestBody.fromBytes makes.
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(buffer, 0, length), length, "application/octet-stream");
  }

  @Override
  public Optional<Long> size(Sha256 digest) {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key(digest))).contentLength());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public InputStream open(Sha256 digest, long offset, long length) throws IOException {
    if (length == 0) {
      return InputStream.nullInputStream();
    }
    GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key(digest));
    if (offset > 0 || length > 0) {
      request.range(
          "bytes=" + offset + "-" + (length < 0 ? "" : Long.toString(offset + length - 1)));
    }
    try {
      return s3.getObject(request.build());
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key(digest));
    }
  }

  @Override
  public boolean delete(Sha256 digest) {
    if (size(digest).isEmpty()) {
      return false;
    }
    s3.deleteObject(b -> b.bucket(bucket).key(key(digest)));
    return true;
  }

  @Override
  public List<Sha256> list() {
    return keys(prefix + "sha256/").stream()
        .map(k -> new Sha256(k.substring(k.lastIndexOf('/') + 1)))
        .toList();
  }

  @Override
  public Optional<Instant> storedAt(Sha256 digest) {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key(digest))).lastModified());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Freed deleteTemporariesBefore(Instant cutoff) {
    Freed freed = Freed.NOTHING;
    for (S3Object object :
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "tmp/")).contents()) {
      if (object.lastModified().isBefore(cutoff)) {
        s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
        freed = freed.plus(object.size());
      }
    }
    return freed;
  }

  @Override
  public int pendingCount() {
    return keys(prefix + "tmp/").size();
  }

  private List<String> keys(String keyPrefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  private String key(Sha256 digest) {
    return prefix + "sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex();
  }

  @Override
  public void close() {
    s3.close();
  }
}

package dev.modelport.registry;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the registry under {@code modelport.registry}. Every key with its default is
 * listed in the README's configuration reference.
 */
@ConfigMapping(prefix = "modelport.registry")
public interface RegistryConfig {

  /** Metadata database: {@code h2} (embedded file database, the default) or {@code postgresql}. */
  @WithDefault("h2")
  DatabaseKind database();

  /** Directory of the embedded H2 database and of the filesystem blobs unless configured apart. */
  @WithDefault("modelport-data/registry")
  Path dataDir();

  /** Where artifact bytes are stored. */
  Storage storage();

  /** Upload limits. */
  Upload upload();

  /** API keys and roles. */
  Security security();

  /** The change feed ({@code GET /api/v1/events}). */
  Events events();

  /**
   * Aliases that only an {@code admin} may set, move or delete (default {@code champion}, through
   * the older {@code modelport.registry.security.protected-aliases}).
   */
  Optional<List<String>> protectedAliases();

  /** The storage clean-up of files and blobs a crash or a refused upload left behind. */
  Cleanup cleanup();

  /** Metadata database kinds, each backed by a named Quarkus datasource. */
  enum DatabaseKind {
    h2("embedded"),
    postgresql("postgresql");

    private final String datasource;

    DatabaseKind(String datasource) {
      this.datasource = datasource;
    }

    /** Name of the Quarkus datasource ({@code quarkus.datasource."<name>".*}) of this kind. */
    public String datasource() {
      return datasource;
    }
  }

  /** Blob store kinds. */
  enum BlobStoreKind {
    filesystem,
    s3
  }

  interface Storage {
    /**
     * Blob store: {@code filesystem} (the default) or {@code s3} (any S3-compatible object store).
     */
    @WithDefault("filesystem")
    BlobStoreKind kind();

    /** The filesystem blob store. */
    Filesystem filesystem();

    /** The S3 blob store. */
    S3 s3();
  }

  interface Filesystem {
    /** Root directory of the blobs; defaults to {@code <data-dir>/blobs}. */
    Optional<Path> root();
  }

  interface S3 {
    /**
     * Endpoint of an S3-compatible server (MinIO, Ceph, S3Proxy); AWS's regional endpoint when
     * absent.
     */
    Optional<URI> endpoint();

    /** Region to sign requests for. */
    @WithDefault("us-east-1")
    String region();

    /** Bucket holding the blobs; required when the store is {@code s3}. */
    Optional<String> bucket();

    /** Key prefix inside the bucket. */
    @WithDefault("modelport/")
    String prefix();

    /** Access key id; the AWS default credentials chain when absent. */
    Optional<String> accessKeyId();

    /** Secret access key; the AWS default credentials chain when absent. */
    Optional<String> secretAccessKey();

    /**
     * Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible servers need.
     */
    @WithDefault("true")
    boolean pathStyle();

    /** Part size of multipart uploads; one part is buffered in memory per upload in progress. */
    @WithDefault("8M")
    MemorySize partSize();

    /** Create the bucket at startup when it does not exist. */
    @WithDefault("false")
    boolean createBucket();
  }

  interface Upload {
    /** Largest accepted artifact; larger uploads get 413. Also bounds the HTTP request body. */
    @WithDefault("4G")
    MemorySize maxSize();
  }

  interface Security {
    /** When false, every caller is an anonymous admin: only for a laptop. */
    @WithDefault("true")
    boolean enabled();

    /** Whether requests without an API key may read (role {@code reader}). */
    @WithDefault("false")
    boolean anonymousRead();

    /**
     * API keys by name: {@code api-keys.<name>.sha256} (hex SHA-256 of the key) and {@code .role}.
     */
    Map<String, ApiKey> apiKeys();

    /**
     * A file of further API keys, one {@code name:role:sha256-hex} per line ({@code #} comments);
     * typically a mounted Kubernetes Secret. Read at startup.
     */
    Optional<Path> apiKeysFile();

    /**
     * Aliases that only an {@code admin} may set, move or delete; superseded by {@code
     * modelport.registry.protected-aliases}, which wins when set.
     */
    @WithDefault("champion")
    List<String> protectedAliases();
  }

  interface ApiKey {
    /** Lower-case hex SHA-256 of the key; the key itself is never stored. */
    String sha256();

    /** {@code reader}, {@code publisher} or {@code admin}. */
    String role();
  }

  interface Events {
    /** Longest a long poll may wait; larger {@code wait} values are capped to it. */
    @WithDefault("60s")
    Duration maxWait();

    /** How often waiting polls look for events committed by other registry instances. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most events returned by one poll. */
    @WithDefault("500")
    int maxBatch();
  }

  interface Cleanup {
    /** How often the clean-up runs; it also runs once at startup. */
    @WithDefault("10m")
    Duration interval();

    /**
     * Age under which nothing is removed: longer than the longest upload, so that a spool file, a
     * temporary blob or a blob about to be referenced by a committing version is never touched.
     */
    @WithDefault("1h")
    Duration grace();
  }
}

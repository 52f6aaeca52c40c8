package dev.modelport.registry.storage;

/**
 * Result of {@link BlobStore#put}.
 *
 * @param created false when identical content was already stored (content addressing deduplicates)
 */
public record StoredBlob(Sha256 sha256, long size, boolean created) {}

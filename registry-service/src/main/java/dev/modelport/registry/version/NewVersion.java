package dev.modelport.registry.version;

import dev.modelport.registry.storage.StoredBlob;
import dev.modelport.registryclient.api.VersionMetadata;
import java.util.Optional;

/**
 * A checked upload, ready to commit.
 *
 * @param metadata checked metadata whose signature is the upload's one signature
 * @param blob the stored artifact
 * @param fileName the artifact's file name as uploaded (no directories), may be null
 * @param baselineJson the baseline profile to store with the version, if any
 */
record NewVersion(
    VersionMetadata metadata, StoredBlob blob, String fileName, Optional<String> baselineJson) {}

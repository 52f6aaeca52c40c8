package dev.modelport.registryclient.api;

/**
 * The stored model file of a version.
 *
 * @param sha256 lower-case hex SHA-256 of the bytes; also the download's ETag
 */
public record Artifact(ArtifactFormat format, long size, String sha256, String fileName) {}

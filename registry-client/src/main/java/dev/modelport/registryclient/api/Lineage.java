package dev.modelport.registryclient.api;

/**
 * Where a version came from.
 *
 * @param runId training run identifier (MLflow run, CI job, ...)
 * @param datasetDigest digest of the training data set
 * @param codeRevision source revision of the training code
 */
public record Lineage(String runId, String datasetDigest, String codeRevision) {}

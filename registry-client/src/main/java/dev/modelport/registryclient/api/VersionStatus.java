package dev.modelport.registryclient.api;

/** Status of a version. A version is only visible once its artifact is stored and verified. */
public enum VersionStatus {
  READY
}

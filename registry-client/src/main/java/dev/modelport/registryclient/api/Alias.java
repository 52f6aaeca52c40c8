package dev.modelport.registryclient.api;

import dev.modelport.protocol.model.VersionNumber;
import java.time.Instant;

/** A named pointer ({@code champion}, {@code challenger}, ...) at one version of a model. */
public record Alias(
    String model, String alias, VersionNumber version, String updatedBy, Instant updatedAt) {}

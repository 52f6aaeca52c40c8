package dev.modelport.registryclient.api;

import java.time.Instant;

/** A named pointer ({@code champion}, {@code challenger}, ...) at one version of a model. */
public record Alias(String model, String alias, int version, String updatedBy, Instant updatedAt) {}

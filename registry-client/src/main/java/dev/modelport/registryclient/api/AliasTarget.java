package dev.modelport.registryclient.api;

/** Body of {@code PUT /api/v1/models/{model}/aliases/{alias}}. */
public record AliasTarget(int version) {}

package dev.modelport.registryclient.api;

import dev.modelport.protocol.model.VersionNumber;

/** Body of {@code PUT /api/v1/models/{model}/aliases/{alias}}: {@code {"version": 3}}. */
public record AliasTarget(VersionNumber version) {}

package dev.modelport.registryclient.api;

/** A named feature carried by one column of a tensor's last dimension. */
public record Feature(String name, FeatureType type) {}

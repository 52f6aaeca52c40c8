package dev.modelport.registryclient.api;

/** Body of every error answer: {@code {"error": "..."}}. */
public record ErrorBody(String error) {}

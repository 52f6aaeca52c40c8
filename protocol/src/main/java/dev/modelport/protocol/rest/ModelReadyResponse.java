package dev.modelport.protocol.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code GET /v2/models/{m}[/versions/{v}]/ready} (the HTTP status, 200 or 503, is the
 * protocol's answer; the body is informative).
 *
 * @param name model name
 * @param ready whether the model is ready
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelReadyResponse(String name, boolean ready) {}

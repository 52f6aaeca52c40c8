package dev.modelport.protocol.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code GET /v2/health/ready}.
 *
 * @param ready whether the server is ready
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerReadyResponse(boolean ready) {}

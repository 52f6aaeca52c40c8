package dev.modelport.protocol.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Optional body of {@code POST /v2/repository/models/{m}/load} and {@code .../unload}.
 *
 * @param parameters Triton's load parameters (e.g. {@code config}); may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RepositoryLoadRequest(Map<String, Object> parameters) {}

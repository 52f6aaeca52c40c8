package dev.modelport.protocol.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One element of the {@code POST /v2/repository/index} answer (a JSON array of these).
 *
 * @param name model name
 * @param version model version, if known
 * @param state {@code UNAVAILABLE}, {@code LOADING}, {@code READY}, {@code UNLOADING}
 * @param reason why the model is not ready, if it is not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RepositoryIndexEntry(String name, String version, String state, String reason) {}

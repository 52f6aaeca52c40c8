/**
 * JSON wire types of the registry REST API ({@code /api/v1}). The registry service reads and writes
 * exactly these records, so client and server cannot drift apart. All records are immutable and
 * thread-safe; collections are copied on construction and never null.
 */
package dev.modelport.registryclient.api;

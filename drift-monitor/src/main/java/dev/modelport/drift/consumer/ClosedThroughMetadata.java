package dev.modelport.drift.consumer;

import dev.modelport.drift.ModelVersionKey;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commit metadata of a partition: for each model version whose latest closed window ends at or
 * after the committed offset, the offset of that window's last event ("closed through"). After a
 * restart, events of that version up to this offset are skipped, because their window was already
 * evaluated while another version's window held the committed offset back. Format: {@code
 * d1;<url-encoded model>/<version>=<offset>;...}. Stateless.
 */
public final class ClosedThroughMetadata {

  private static final String PREFIX = "d1";

  private ClosedThroughMetadata() {}

  public static String encode(Map<ModelVersionKey, Long> closedThrough) {
    StringBuilder sb = new StringBuilder(PREFIX);
    new TreeMap<>(closedThrough)
        .forEach(
            (k, v) ->
                sb.append(';')
                    .append(URLEncoder.encode(k.model(), StandardCharsets.UTF_8))
                    .append('/')
                    .append(k.version())
                    .append('=')
                    .append(v));
    return sb.toString();
  }

  /**
   * Parses metadata written by {@link #encode}; anything else (null, empty, foreign) gives an empty
   * map.
   */
  public static Map<ModelVersionKey, Long> decode(String metadata) {
    Map<ModelVersionKey, Long> out = new HashMap<>();
    if (metadata == null || !metadata.startsWith(PREFIX)) {
      return out;
    }
    for (String entry : metadata.split(";")) {
      int slash = entry.lastIndexOf('/');
      int eq = entry.lastIndexOf('=');
      if (slash <= 0 || eq < slash) {
        continue;
      }
      try {
        out.put(
            new ModelVersionKey(
                URLDecoder.decode(entry.substring(0, slash), StandardCharsets.UTF_8),
                entry.substring(slash + 1, eq)),
            Long.parseLong(entry.substring(eq + 1)));
      } catch (IllegalArgumentException ignored) {
        // not ours: skip the entry
      }
    }
    return out;
  }
}

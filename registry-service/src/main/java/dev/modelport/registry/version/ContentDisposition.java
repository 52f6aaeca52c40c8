package dev.modelport.registry.version;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a file name of any characters (RFC 6266): an ASCII
 * {@code filename} fallback (other characters, quotes and backslashes as {@code _}) and, when the
 * name is not plain ASCII, {@code filename*=UTF-8''<percent-encoded>} (RFC 8187), which clients
 * that know it prefer.
 */
final class ContentDisposition {
  private static final String ATTR_CHAR =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~";

  private ContentDisposition() {}

  static String attachment(String fileName) {
    StringBuilder fallback = new StringBuilder();
    boolean plain = true;
    for (int i = 0; i < fileName.length(); i++) {
      char c = fileName.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        fallback.append('_');
        plain = false;
      } else {
        fallback.append(c);
      }
    }
    String header = "attachment; filename=\"" + fallback + "\"";
    return plain ? header : header + "; filename*=UTF-8''" + encode(fileName);
  }

  private static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && ATTR_CHAR.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }
}

package dev.modelport.serving.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded mutations of valid request bodies: bit flips, interesting bytes, deleted, duplicated and
 * inserted ranges, truncation, and (for text) numbers replaced by tokens that stress a JSON
 * decoder. One to four mutations per call; deterministic for a given random state.
 */
final class Mutator {

  private static final byte[] INTERESTING = {
    0, (byte) 0xFF, (byte) 0x80, 0x7F, '"', '{', '}', '[', ']', ',', ':', '-', '9', 'e', '\\', ' '
  };

  private static final String[] TOKENS = {
    "1e400",
    "-1",
    "99999999999999999999",
    "null",
    "true",
    "\"x\"",
    "[]",
    "{}",
    "NaN",
    "-0",
    "",
    "[[[[[[[[",
    "1.5",
    "-9223372036854775809",
    "\"\\u0000\"",
    "0x10",
    "Infinity",
    "4294967296"
  };

  private Mutator() {}

  static byte[] mutate(byte[] seed, SplittableRandom random, boolean text) {
    byte[] b = seed;
    int mutations = 1 + random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      b = once(b, random, text);
    }
    return b;
  }

  private static byte[] once(byte[] b, SplittableRandom random, boolean text) {
    if (b.length == 0) {
      return new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]};
    }
    int at = random.nextInt(b.length);
    switch (random.nextInt(text ? 7 : 6)) {
      case 0 -> {
        byte[] c = b.clone();
        c[at] ^= (byte) (1 << random.nextInt(8));
        return c;
      }
      case 1 -> {
        byte[] c = b.clone();
        c[at] = INTERESTING[random.nextInt(INTERESTING.length)];
        return c;
      }
      case 2 -> {
        int length = Math.min(b.length - at, 1 + random.nextInt(16));
        byte[] c = new byte[b.length - length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + length, c, at, b.length - at - length);
        return c;
      }
      case 3 -> {
        int length = Math.min(b.length - at, 1 + random.nextInt(32));
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + length);
        out.write(b, 0, at + length);
        out.write(b, at, length);
        out.write(b, at + length, b.length - at - length);
        return out.toByteArray();
      }
      case 4 -> {
        byte[] noise = new byte[1 + random.nextInt(8)];
        random.nextBytes(noise);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + noise.length);
        out.write(b, 0, at);
        out.write(noise, 0, noise.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
      }
      case 5 -> {
        return Arrays.copyOf(b, at);
      }
      default -> {
        return replaceNumber(b, at, random);
      }
    }
  }

  /** Replaces the run of digits at or after {@code at} with a stress token. */
  private static byte[] replaceNumber(byte[] b, int at, SplittableRandom random) {
    int start = at;
    while (start < b.length && !Character.isDigit(b[start])) {
      start++;
    }
    if (start == b.length) {
      return b;
    }
    int end = start;
    while (end < b.length && (Character.isDigit(b[end]) || b[end] == '.')) {
      end++;
    }
    byte[] token = TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + token.length);
    out.write(b, 0, start);
    out.write(token, 0, token.length);
    out.write(b, end, b.length - end);
    return out.toByteArray();
  }
}

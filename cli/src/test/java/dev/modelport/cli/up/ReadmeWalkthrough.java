package dev.modelport.cli.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's walkthrough as a shell script: its code blocks whose fence reads {@code ```bash
 * walkthrough}, in order, with the default ports ({@code localhost:8080}, ...) replaced by a
 * suite's. The other blocks ({@code ./modelport up} itself, Python, the optional grpcurl) are not
 * part of it.
 */
record ReadmeWalkthrough(List<String> blocks) {

  static final String FENCE = "```bash walkthrough";

  /** The default ports the walkthrough may name: serving REST, gRPC, registry, drift-monitor. */
  static final Set<Integer> DEFAULT_PORTS = Set.of(8080, 8081, 8090, 8092);

  private static final Pattern LOCALHOST = Pattern.compile("localhost:(\\d+)");

  static ReadmeWalkthrough read(Path readme) {
    try {
      return parse(Files.readAllLines(readme));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ReadmeWalkthrough parse(List<String> lines) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : lines) {
      if (block == null && line.strip().equals(FENCE)) {
        block = new StringBuilder();
      } else if (block != null && line.strip().equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    if (block != null) {
      throw new IllegalArgumentException("walkthrough block not closed: " + block);
    }
    return new ReadmeWalkthrough(List.copyOf(blocks));
  }

  /** The ports of {@code localhost:PORT} the blocks name. */
  Set<Integer> ports() {
    Set<Integer> ports = new java.util.TreeSet<>();
    for (String b : blocks) {
      Matcher m = LOCALHOST.matcher(b);
      while (m.find()) {
        ports.add(Integer.parseInt(m.group(1)));
      }
    }
    return ports;
  }

  /**
   * One bash script of every block, stopping at the first command that fails ({@code set -euxo
   * pipefail}, each command echoed), {@code localhost:DEFAULT} replaced by {@code 127.0.0.1:PORT}
   * of {@code ports}.
   */
  String script(Map<Integer, Integer> ports) {
    StringBuilder script = new StringBuilder("set -euxo pipefail\n");
    for (String b : blocks) {
      Matcher m = LOCALHOST.matcher(b);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        int port = Integer.parseInt(m.group(1));
        Integer to = ports.get(port);
        if (to == null) {
          throw new IllegalArgumentException("no port given for localhost:" + port);
        }
        m.appendReplacement(out, "127.0.0.1:" + to);
      }
      m.appendTail(out);
      script.append(out);
    }
    return script.toString();
  }
}

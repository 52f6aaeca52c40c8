package dev.modelport.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages of the drift-monitor depend on each other without cycles (package by feature, the
 * composition root {@code app} on top), as {@code jdeps -verbose:package} sees the compiled
 * classes.
 */
class PackageDependenciesTest {

  private static final Pattern EDGE =
      Pattern.compile(
          "^\\s+(dev\\.modelport\\.drift[\\w.]*)\\s+->\\s+(dev\\.modelport\\.drift[\\w.]*)\\s");

  @Test
  void noDriftPackageDependsOnItselfThroughAnother() {
    Map<String, Set<String>> edges = packageEdges();

    assertThat(edges)
        .as("jdeps found the drift packages")
        .containsKeys("dev.modelport.drift.consumer", "dev.modelport.drift.evaluation");
    assertThat(edges.get("dev.modelport.drift.consumer"))
        .contains("dev.modelport.drift.evaluation", "dev.modelport.drift.metrics");
    assertThat(cycles(edges)).as("package cycles").isEmpty();
  }

  /** package -> packages it uses (itself excluded), from jdeps. */
  private static Map<String, Set<String>> packageEdges() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "-verbose:package",
            "-filter:none",
            "target/classes");
    assertThat(rc).as("jdeps: " + err).isZero();
    Map<String, Set<String>> edges = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.find() && !m.group(1).equals(m.group(2))) {
        edges.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
      }
    }
    return edges;
  }

  /** Every cycle, as the path from a package back to itself (depth-first search). */
  private static List<List<String>> cycles(Map<String, Set<String>> edges) {
    List<List<String>> found = new ArrayList<>();
    for (String start : edges.keySet()) {
      walk(start, start, new ArrayList<>(List.of(start)), edges, found);
    }
    return found;
  }

  private static void walk(
      String start,
      String at,
      List<String> path,
      Map<String, Set<String>> edges,
      List<List<String>> found) {
    for (String next : edges.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        found.add(cycle);
      } else if (!path.contains(next) && next.compareTo(start) > 0) {
        path.add(next);
        walk(start, next, path, edges, found);
        path.remove(path.size() - 1);
      }
    }
  }
}

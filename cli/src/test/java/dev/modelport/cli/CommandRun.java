package dev.modelport.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the {@code modelport} command in this JVM, as {@link Modelport#main} runs it (same
 * error handlers), with stdout and stderr captured.
 *
 * @param code exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
public record CommandRun(int code, String out, String err) {

  /** Runs {@code modelport args...}. */
  public static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = Modelport.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }

  /** The non-empty lines of stderr. */
  public List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  /** The non-empty lines of stdout. */
  public List<String> outLines() {
    return out.lines().filter(l -> !l.isBlank()).toList();
  }
}

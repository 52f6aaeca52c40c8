package dev.modelport.cli.console;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every command reports a failure: one line on stderr starting with {@code modelport: }, no
 * stack trace, exit code 1 for a failure and 2 for a usage error (the line then says where the
 * usage is). Installed on the whole command tree by {@code Modelport.commandLine()}.
 */
public final class ConsoleErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  /** Exit code of a failed command. */
  public static final int FAILURE = 1;

  /** Exit code of a usage error (unknown option, missing or malformed argument). */
  public static final int USAGE = 2;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, ParseResult fullParseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof ParameterException usage) {
      return handleParseException(usage, new String[0]);
    }
    err.println("modelport: " + oneLine(message(e)));
    err.flush();
    return FAILURE;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    PrintWriter err = line.getErr();
    err.println(
        "modelport: "
            + oneLine(e.getMessage())
            + " (usage: "
            + line.getCommandSpec().qualifiedName()
            + " --help)");
    err.flush();
    return USAGE;
  }

  private static String message(Exception e) {
    if (e instanceof CommandFailure) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException io && io.getCause() instanceof NoSuchFileException f) {
      return "no such file: " + f.getFile();
    }
    String text = e.getMessage();
    return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}

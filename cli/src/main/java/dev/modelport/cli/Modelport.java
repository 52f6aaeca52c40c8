package dev.modelport.cli;

import dev.modelport.cli.bench.BenchCommand;
import dev.modelport.cli.console.ConsoleErrors;
import dev.modelport.cli.demo.DemoCommand;
import dev.modelport.cli.infer.InferCommand;
import dev.modelport.cli.models.AliasCommand;
import dev.modelport.cli.models.ModelsCommand;
import dev.modelport.cli.models.VersionsCommand;
import dev.modelport.cli.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code modelport} command: dispatches to its subcommands (today {@code up}, which runs the
 * whole suite on a laptop).
 *
 * <p>Exit codes follow picocli: 0 success, 1 the command failed, 2 a usage error (the message names
 * the option). Either way the error is one line on stderr, {@code modelport: ...} ({@link
 * ConsoleErrors}).
 */
@Command(
    name = "modelport",
    mixinStandardHelpOptions = true,
    versionProvider = Modelport.Version.class,
    description =
        "Modelport: model registry, Open Inference Protocol serving and drift monitoring.",
    subcommands = {
      UpCommand.class,
      DemoCommand.class,
      ModelsCommand.class,
      VersionsCommand.class,
      AliasCommand.class,
      InferCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Modelport implements Runnable {

  @Spec private CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** A fresh command line (parser and subcommands), for {@link #main} and tests. */
  public static CommandLine commandLine() {
    ConsoleErrors errors = new ConsoleErrors();
    return new CommandLine(new Modelport())
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: try 'modelport up' (or 'modelport help').");
  }

  /** The version of this build, from the jar manifest when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Modelport.class.getPackage().getImplementationVersion();
      return new String[] {"modelport " + (version == null ? "(development build)" : version)};
    }
  }
}

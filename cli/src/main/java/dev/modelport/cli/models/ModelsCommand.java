package dev.modelport.cli.models;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code modelport models list|show|register}: the registry's models. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "Lists, shows and registers models in the registry.",
    subcommands = {ModelsListCommand.class, ModelsShowCommand.class, ModelsRegisterCommand.class})
public final class ModelsCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: models list, models show or models register");
  }
}

package dev.modelport.cli.models;

import dev.modelport.cli.connect.ConnectionOptions;
import dev.modelport.cli.connect.Registry;
import dev.modelport.registryclient.api.RegisteredModel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelport versions list <model>}. */
@Command(
    name = "versions",
    mixinStandardHelpOptions = true,
    description = "Lists a model's versions.",
    subcommands = VersionsCommand.ListCommand.class)
public final class VersionsCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: versions list MODEL");
  }

  /** {@code modelport versions list <model>}: number, format, size, baseline, aliases, metrics. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists a model's versions, oldest first, with the aliases on each.")
  static final class ListCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model name")
    private String model;

    @Override
    public Integer call() {
      Registry registry = connection.registry();
      RegisteredModel m = registry.call(c -> c.getModel(model));
      VersionTable.of(registry, m).print(spec.commandLine().getOut());
      return 0;
    }
  }
}

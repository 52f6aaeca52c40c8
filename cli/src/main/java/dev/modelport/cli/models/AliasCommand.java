package dev.modelport.cli.models;

import dev.modelport.cli.connect.ConnectionOptions;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.api.Alias;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelport alias set|delete}: points an alias ({@code champion}, ...) at a version or
 * removes it. Serving follows {@code champion} by default, so moving it rolls a model out.
 */
@Command(
    name = "alias",
    mixinStandardHelpOptions = true,
    description = "Sets (creates or moves) or deletes a model's alias.",
    subcommands = {AliasCommand.SetCommand.class, AliasCommand.DeleteCommand.class})
public final class AliasCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing command: alias set MODEL ALIAS VERSION or alias delete MODEL ALIAS");
  }

  /** {@code modelport alias set <model> <alias> <version>}. */
  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Points ALIAS of MODEL at VERSION, creating or moving it.")
  static final class SetCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model name")
    private String model;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "alias name, e.g. champion")
    private String alias;

    @Parameters(index = "2", paramLabel = "VERSION", description = "version number")
    private String version;

    @Override
    public Integer call() {
      VersionNumber number = parseVersion(spec, version);
      Alias set = connection.registry().call(c -> c.setAlias(model, alias, number));
      spec.commandLine()
          .getOut()
          .printf("%s of %s now points at version %s%n", set.alias(), set.model(), set.version());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code modelport alias delete <model> <alias>}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes ALIAS of MODEL.")
  static final class DeleteCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model name")
    private String model;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "alias name")
    private String alias;

    @Override
    public Integer call() {
      connection
          .registry()
          .call(
              c -> {
                c.deleteAlias(model, alias);
                return null;
              });
      spec.commandLine().getOut().printf("deleted alias %s of %s%n", alias, model);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** The version argument, or a usage error naming it. */
  static VersionNumber parseVersion(CommandSpec spec, String text) {
    if (!VersionNumber.isValid(text)) {
      throw new ParameterException(
          spec.commandLine(), "VERSION must be a version number (1, 2, ...), got '" + text + "'");
    }
    return VersionNumber.parse(text);
  }
}

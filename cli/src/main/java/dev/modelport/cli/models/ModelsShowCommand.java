package dev.modelport.cli.models;

import dev.modelport.cli.connect.ConnectionOptions;
import dev.modelport.cli.connect.Registry;
import dev.modelport.registryclient.api.RegisteredModel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelport models show <name>}: a model, its aliases and its versions. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Shows a model: description, tags, aliases and its versions.")
public final class ModelsShowCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "MODEL", description = "model name")
  private String model;

  @Override
  public Integer call() {
    Registry registry = connection.registry();
    RegisteredModel m = registry.call(c -> c.getModel(model));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Model:       " + m.name());
    if (m.description() != null && !m.description().isBlank()) {
      out.println("Description: " + m.description());
    }
    if (!m.tags().isEmpty()) {
      out.println("Tags:        " + ModelsListCommand.aliases(m.tags()));
    }
    out.println(
        "Aliases:     "
            + (m.aliases().isEmpty() ? "none" : ModelsListCommand.aliases(m.aliases())));
    out.println("Versions:    " + m.latestVersion());
    out.println();
    VersionTable.of(registry, m).print(out);
    return 0;
  }
}

package dev.modelport.cli.models;

import dev.modelport.cli.connect.ConnectionOptions;
import dev.modelport.cli.connect.Registry;
import dev.modelport.cli.console.TextTable;
import dev.modelport.registryclient.api.Page;
import dev.modelport.registryclient.api.RegisteredModel;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code modelport models list}: every registered model, its latest version and aliases. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the registered models with their latest version and aliases.")
public final class ModelsListCommand implements Callable<Integer> {
  private static final int PAGE = 100;

  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;

  @Override
  public Integer call() {
    Registry registry = connection.registry();
    TextTable table = new TextTable("MODEL", "LATEST", "ALIASES", "DESCRIPTION");
    int offset = 0;
    Page<RegisteredModel> page;
    do {
      int from = offset;
      page = registry.call(c -> c.listModels(null, null, from, PAGE));
      for (RegisteredModel m : page.items()) {
        table.row(
            m.name(), Integer.toString(m.latestVersion()), aliases(m.aliases()), m.description());
      }
      offset += page.items().size();
    } while (page.hasMore() && !page.items().isEmpty());
    PrintWriter out = spec.commandLine().getOut();
    if (table.size() == 0) {
      out.println(
          "No models in the registry at "
              + registry.url()
              + " (modelport models register DIR adds one).");
      out.flush();
      return 0;
    }
    table.print(out);
    return 0;
  }

  /** {@code champion=2, challenger=3}, sorted by alias. */
  static String aliases(Map<String, ?> aliases) {
    return new TreeMap<>(aliases)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
  }
}

package dev.modelport.cli.infer;

import dev.modelport.cli.connect.Registry;
import dev.modelport.cli.console.CommandFailure;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.api.RegisteredModel;

/**
 * The signature a request to serving must fit, from the registry: the given version's, else the
 * version {@code champion} points at (serving's default deployment), else the latest version's.
 */
public final class ServedSignature {
  /** The alias serving follows when no deployment is configured. */
  static final String CHAMPION = "champion";

  private ServedSignature() {}

  /** The signature of {@code model} at {@code version} (null: champion, else latest). */
  public static ModelSignature of(Registry registry, String model, VersionNumber version) {
    VersionNumber chosen = version;
    if (chosen == null) {
      RegisteredModel m = registry.call(c -> c.getModel(model));
      chosen = m.aliases().get(CHAMPION);
      if (chosen == null) {
        if (m.latestVersion() == 0) {
          throw new CommandFailure(
              "model '" + model + "' has no versions in the registry at " + registry.url());
        }
        chosen = VersionNumber.of(m.latestVersion());
      }
    }
    VersionNumber number = chosen;
    return registry.call(c -> c.getVersion(model, number)).signature();
  }
}

package dev.modelport.cli.up;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold before anything starts: the packaged jar of each enabled service, the model
 * repository, and free ports. Collects every problem so that one run names them all.
 */
public final class PreflightCheck {

  /** The command that packages every service, run from the project root. */
  public static final String BUILD_COMMAND = "./mvnw install -DskipTests";

  private final UpSettings settings;

  public PreflightCheck(UpSettings settings) {
    this.settings = settings;
  }

  /** The problems found, one console line each; empty when the suite can start. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>(missingJars());
    if (!Files.isDirectory(settings.models())) {
      problems.add(
          "The model repository "
              + settings.models()
              + " is not a folder; choose one with --models.");
    }
    problems.addAll(takenPorts());
    return problems;
  }

  /** Throws with every problem in the message when there is any. */
  public void verify() throws SuiteStartException {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new SuiteStartException(
          "Cannot start the suite:\n  - " + String.join("\n  - ", problems));
    }
  }

  List<String> missingJars() {
    List<String> problems = new ArrayList<>();
    for (Service service : settings.services()) {
      var jar = service.jar(settings.projectHome());
      if (!Files.isRegularFile(jar)) {
        problems.add(
            service.module()
                + " is not packaged ("
                + jar
                + " is missing). Build it from "
                + settings.projectHome()
                + " with: "
                + BUILD_COMMAND);
      }
    }
    return problems;
  }

  List<String> takenPorts() {
    List<String> problems = new ArrayList<>();
    for (PortUse use : settings.ports()) {
      if (!PortProbe.isFree(use.port())) {
        problems.add(
            "Port "
                + use.port()
                + " ("
                + use.purpose()
                + ") is taken; choose another with "
                + use.option()
                + ".");
      }
    }
    return problems;
  }
}

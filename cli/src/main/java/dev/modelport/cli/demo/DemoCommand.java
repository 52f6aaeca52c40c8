package dev.modelport.cli.demo;

import dev.modelport.cli.suite.SuiteEndpoints;
import dev.modelport.cli.up.ProjectHome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code modelport demo}: the drift loop in a couple of minutes against a running {@code up}. Sends
 * breast-cancer-mlp's test rows, then its drifted rows (five features moved by 1.5 training
 * standard deviations), through serving at a steady rate; {@code up} sets the model's drift window
 * to exactly one file of rows ({@link DemoWindow}), so each file is one window. Ends with the
 * per-feature verdicts of both windows from drift-monitor's JSON API and the report page's URL.
 * Exit 0 with a verdict, 1 without (a service down, a window that never closed), 2 for a usage
 * error.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Sends breast-cancer-mlp's test rows, then its drifted rows, through serving at a steady "
          + "rate and prints drift-monitor's verdict per feature for each (one drift window each) "
          + "and the report URL.",
      "Works against a running modelport up (found through <data-dir>/up.properties, else the "
          + "default ports), or the suite that --serving and --drift name.",
      "Exit code 0 with a verdict, 1 without, 2 for a usage error."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--serving",
      paramLabel = "URL",
      description = "serving-service's REST base URL (default: from up.properties).")
  private URI serving;

  @Option(
      names = "--drift",
      paramLabel = "URL",
      description = "drift-monitor's base URL (default: from up.properties).")
  private URI drift;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:MODELPORT_DATA_DIR:-modelport-data}",
      description = "The data folder of the running up (default: ${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Project root, whose examples/models/breast-cancer-mlp holds the rows (default: found "
              + "above the working directory).")
  private Path home;

  @Option(
      names = "--rate",
      paramLabel = "ROWS_PER_SECOND",
      defaultValue = "20",
      description = "Rows sent per second, one request each (default: ${DEFAULT-VALUE}).")
  private double rate;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws InterruptedException {
    Path workingDir = Path.of("").toAbsolutePath();
    Path rowsDir = rowsDir(workingDir);
    if (rate < minimumRate() || rate > 1000) {
      throw usage(
          String.format(
              "--rate must be between %.0f and 1000 rows per second (%d rows must reach "
                  + "drift-monitor within its %d s window), got %s",
              Math.ceil(minimumRate()), DemoWindow.ROWS, DemoWindow.DURATION.toSeconds(), rate));
    }
    SuiteEndpoints endpoints = endpoints(workingDir);
    URI servingUrl = serving != null ? serving : endpoints.serving();
    URI driftUrl = drift != null ? drift : endpoints.drift();
    try {
      DemoRows test = DemoRows.read(rowsDir.resolve("test.csv"));
      DemoRows drifted = DemoRows.read(rowsDir.resolve("drifted.csv"));
      run(servingUrl, driftUrl, test, drifted);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("Cannot read the demo rows: " + e.getMessage());
      return 1;
    } catch (DemoException e) {
      System.err.println(e.getMessage());
      return 1;
    }
  }

  private void run(URI servingUrl, URI driftUrl, DemoRows test, DemoRows drifted)
      throws DemoException, InterruptedException {
    DemoHttp http = new DemoHttp();
    String model = DemoWindow.MODEL;
    URI modelUrl = servingUrl.resolve("/v2/models/" + model);
    checkServed(http, modelUrl);
    DriftApi api = new DriftApi(http, driftUrl, servingUrl, model);
    awaitNoOpenWindow(api);
    out.printf(
        "Sending %d test rows, then %d drifted rows of %s to %s at %.0f rows/s%n",
        test.size(), drifted.size(), model, servingUrl, rate);
    SteadySender sender = new SteadySender(http, URI.create(modelUrl + "/infer"), rate, out);
    Duration wait = DemoWindow.DURATION.plusSeconds(30);

    Optional<com.fasterxml.jackson.databind.JsonNode> before = api.model();
    String version = sender.send("test rows", test);
    DriftApi.Window testWindow =
        api.awaitWindowAfter(version, DriftApi.lastSequence(before, version), wait);
    out.printf("  test rows:    window %s closed%n", describe(testWindow));
    String driftedVersion = sender.send("drifted rows", drifted);
    if (!driftedVersion.equals(version)) {
      throw new DemoException(
          "Version "
              + driftedVersion
              + " answered the drifted rows, "
              + version
              + " the test "
              + "rows: a rollout happened meanwhile; run the demo again.");
    }
    DriftApi.Window driftedWindow =
        api.awaitWindowAfter(version, testWindow.json().path("sequence").asLong(), wait);
    out.printf("  drifted rows: window %s closed%n", describe(driftedWindow));
    out.println();
    out.printf("Drift verdict of %s version %s per feature:%n", model, version);
    out.print(VerdictTable.render(testWindow.json(), driftedWindow.json()));
    out.println();
    out.println("Report: " + driftedWindow.reportUrl());
  }

  private static String describe(DriftApi.Window w) {
    return "#"
        + w.json().path("sequence").asLong()
        + " ("
        + w.json().path("rows").asLong()
        + " rows, by "
        + w.json().path("closedBy").asText()
        + ")";
  }

  /** Serving must serve the model: a clear error otherwise, before anything is sent. */
  private static void checkServed(DemoHttp http, URI modelUrl)
      throws DemoException, InterruptedException {
    DemoHttp.Answer ready;
    try {
      ready = http.get(URI.create(modelUrl + "/ready"));
    } catch (UncheckedIOException e) {
      throw new DemoException(
          "Serving does not answer (" + e.getMessage() + "). Start the suite with ./modelport up.");
    }
    if (ready.status() != 200) {
      throw new DemoException(
          "Serving does not serve "
              + DemoWindow.MODEL
              + " ("
              + modelUrl
              + "/ready answered "
              + ready.status()
              + "). modelport up registers it with champion on its first start.");
    }
  }

  /**
   * Rows sent earlier (a curl, another client) may sit in an open window of the model: the demo's
   * test rows would share it. Such a window closes by time ({@link DemoWindow#DURATION}); wait for
   * it. Before the model's first evaluated window the drift API shows no open window, so serving's
   * published-events count tells whether there is one.
   */
  private void awaitNoOpenWindow(DriftApi api) throws DemoException, InterruptedException {
    Instant deadline = Instant.now().plus(DemoWindow.DURATION).plusSeconds(30);
    boolean told = false;
    while (true) {
      Optional<com.fasterxml.jackson.databind.JsonNode> drift = api.model();
      List<DriftApi.OpenWindow> open = drift.map(DriftApi::openWindows).orElse(List.of());
      boolean pending = drift.isEmpty() ? api.publishedEvents() > 0 : !open.isEmpty();
      if (!pending) {
        return;
      }
      if (!told) {
        out.println(
            "Waiting for drift-monitor's open window of "
                + DemoWindow.MODEL
                + " (rows from earlier requests"
                + (open.isEmpty()
                    ? ""
                    : ": " + open.get(0).rows() + ", closes by " + open.get(0).closesBy())
                + ") to close by its time limit, so that the demo's rows get windows of their own ...");
        told = true;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new DemoException(
            "drift-monitor's open window of " + DemoWindow.MODEL + " did not close in time.");
      }
      Thread.sleep(1000);
    }
  }

  private static double minimumRate() {
    // the rows of one file within half the window's duration, for slack
    return DemoWindow.ROWS / (DemoWindow.DURATION.toSeconds() / 2.0);
  }

  private SuiteEndpoints endpoints(Path workingDir) {
    return SuiteEndpoints.read(SuiteEndpoints.file(workingDir.resolve(dataDir)))
        .filter(SuiteEndpoints::processAlive)
        .orElse(SuiteEndpoints.DEFAULTS);
  }

  private Path rowsDir(Path workingDir) {
    Path root;
    if (home != null) {
      root = workingDir.resolve(home).normalize();
      if (!ProjectHome.isProjectRoot(root)) {
        throw usage("--home " + root + " is not the Modelport project root");
      }
    } else {
      root =
          ProjectHome.find(workingDir)
              .orElseThrow(
                  () ->
                      usage(
                          "Cannot find the Modelport project root above "
                              + workingDir
                              + "; run from the project or pass --home"));
    }
    return root.resolve("examples").resolve("models").resolve(DemoWindow.MODEL);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}

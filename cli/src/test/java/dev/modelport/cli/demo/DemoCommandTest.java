package dev.modelport.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.cli.Modelport;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void withoutARunningSuiteTheDemoSaysSoInOneLineAndExits1() {
    int[] ports = FreePorts.next(2);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true));
      code =
          Modelport.commandLine()
              .execute(
                  "demo",
                  "--home",
                  ExampleModels.projectRoot().toString(),
                  "--serving",
                  "http://127.0.0.1:" + ports[0],
                  "--drift",
                  "http://127.0.0.1:" + ports[1]);
    } finally {
      System.setErr(stderr);
    }

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("Serving does not answer")
        .contains("./modelport up")
        .doesNotContain("\n");
  }

  @Test
  void aRateTooSlowForTheWindowIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine line = Modelport.commandLine();
    line.setErr(new PrintWriter(err));

    int code =
        line.execute("demo", "--home", ExampleModels.projectRoot().toString(), "--rate", "1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--rate must be between 4 and 1000");
  }
}

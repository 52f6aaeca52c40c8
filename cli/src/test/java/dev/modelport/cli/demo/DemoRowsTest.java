package dev.modelport.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.testsupport.ExampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRowsTest {

  @TempDir Path dir;

  @Test
  void theDemoFilesHoldOneWindowOfRowsEachWithoutTheLabel() throws Exception {
    for (String file : new String[] {"test.csv", "drifted.csv"}) {
      DemoRows rows = DemoRows.read(ExampleModels.file(DemoWindow.MODEL, file));

      assertThat(rows.size()).as(file).isEqualTo(DemoWindow.ROWS);
      assertThat(rows.features()).hasSize(30).startsWith("mean_radius").doesNotContain("label");
    }
  }

  @Test
  void aRowBecomesASingleRowFp32Request() throws Exception {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "a,b,label\n1.5,2,0\n");

    DemoRows rows = DemoRows.read(csv);

    assertThat(rows.requestBody("input", 0))
        .isEqualTo(
            "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,2],"
                + "\"data\":[1.5,2.0]}]}");
  }

  @Test
  void aCellThatIsNotANumberIsNamedWithItsLine() throws Exception {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "a,b\n1,2\n3,x\n");

    assertThatThrownBy(() -> DemoRows.read(csv))
        .hasMessageContaining("line 3")
        .hasMessageContaining("'x' is not a number");
  }

  @Test
  void aRowWithAnotherColumnCountIsRejected() throws Exception {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "a,b\n1\n");

    assertThatThrownBy(() -> DemoRows.read(csv)).hasMessageContaining("line 2: 1 columns");
  }
}

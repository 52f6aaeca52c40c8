package dev.modelport.cli.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.cli.console.CommandFailure;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowMappingTest {
  private static final ModelSignature CREDIT = ExampleModels.signature(ExampleModels.CREDIT_RISK);

  @TempDir Path dir;

  @Test
  void mixedInputsTakeTheirFeaturesFromTheNamedColumnsInTheirOwnTypes() {
    CsvFile csv = CsvFile.read(ExampleModels.file(ExampleModels.CREDIT_RISK, "test.csv"));

    List<Tensor> tensors = RowMapping.of(CREDIT, csv).tensors(0, 2);

    assertThat(tensors).extracting(Tensor::name).containsExactly("numeric", "categorical");
    Tensor numeric = tensors.get(0);
    assertThat(numeric.datatype()).isEqualTo(DataType.FP32);
    assertThat(numeric.shape()).containsExactly(2, 4);
    // first row: income,age,debt_ratio,utilization = 53522.6523,55,0.157827839,0.677704692
    assertThat((float[]) numeric.values()).startsWith(53522.6523f, 55f, 0.157827839f, 0.677704692f);
    Tensor categorical = tensors.get(1);
    assertThat(categorical.datatype()).isEqualTo(DataType.INT64);
    assertThat(categorical.shape()).containsExactly(2, 2);
    assertThat((long[]) categorical.values()).containsExactly(1, 1, 4, 0);
  }

  @Test
  void columnsInAnotherOrderAreFoundByName() throws IOException {
    Path csv =
        write(
            "label,employment,region,utilization,debt_ratio,age,income", "1,3,2,0.5,0.25,40,1000");

    List<Tensor> tensors = RowMapping.of(CREDIT, CsvFile.read(csv)).tensors(0, 1);

    assertThat((float[]) tensors.get(0).values()).containsExactly(1000f, 40f, 0.25f, 0.5f);
    assertThat((long[]) tensors.get(1).values()).containsExactly(2, 3);
  }

  @Test
  void columnsThatFeedNoInputArePassedThrough() {
    CsvFile csv = CsvFile.read(ExampleModels.file(ExampleModels.CREDIT_RISK, "test.csv"));

    RowMapping mapping = RowMapping.of(CREDIT, csv);

    assertThat(mapping.passThroughNames()).containsExactly("label");
    assertThat(mapping.passThroughCells(0)).containsExactly("0");
  }

  @Test
  void aMissingColumnIsNamedWithTheUnknownOneBesideIt() throws IOException {
    Path csv = write("income,age,debt_ratio,utilisation,region,employment", "1,2,0.1,0.2,1,1");

    assertThatThrownBy(() -> RowMapping.of(CREDIT, CsvFile.read(csv)))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("missing column 'utilization'")
        .hasMessageContaining("unknown column 'utilisation'");
  }

  @Test
  void aCellThatIsNotANumberOfItsInputsTypeIsNamedByRowAndColumn() throws IOException {
    Path csv = write("income,age,debt_ratio,utilization,region,employment", "1,2,0.1,0.2,1.5,1");

    RowMapping mapping = RowMapping.of(CREDIT, CsvFile.read(csv));

    assertThatThrownBy(() -> mapping.tensors(0, 1))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("row 1, column 'region': '1.5' is not an INT64 number");
  }

  @Test
  void anIntegerWrittenWithAPointIsAcceptedForAnInt64Input() throws IOException {
    Path csv = write("income,age,debt_ratio,utilization,region,employment", "1,2,0.1,0.2,3.0,1");

    assertThat((long[]) RowMapping.of(CREDIT, CsvFile.read(csv)).tensors(0, 1).get(1).values())
        .containsExactly(3, 1);
  }

  @Test
  void aRowWithTheWrongNumberOfCellsIsNamedByLine() throws IOException {
    Path csv = write("a,b", "1,2", "3");

    assertThatThrownBy(() -> CsvFile.read(csv))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("line 3: 1 cells for 2 columns");
  }

  @Test
  void anEmptyFileSaysWhatItShouldHold() throws IOException {
    Path csv = write();

    assertThatThrownBy(() -> CsvFile.read(csv))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("is empty");
  }

  private Path write(String... lines) throws IOException {
    return Files.write(dir.resolve("rows.csv"), List.of(lines));
  }
}

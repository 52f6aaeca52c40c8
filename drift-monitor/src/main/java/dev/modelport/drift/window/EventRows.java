package dev.modelport.drift.window;

import java.util.List;

/**
 * The feature rows of one inference event, checked against the version's signature: {@code rows}
 * observations, with every feature of the schema covered by exactly one block; and the output
 * columns of the outputs the event carries in a usable form ({@code outputBlocks}, columns of the
 * signature's output schema, the same {@code rows} rows; possibly none).
 */
public record EventRows(int rows, List<RowBlock> blocks, List<RowBlock> outputBlocks) {

  public EventRows {
    blocks = List.copyOf(blocks);
    outputBlocks = List.copyOf(outputBlocks);
  }

  /** Without outputs. */
  public EventRows(int rows, List<RowBlock> blocks) {
    this(rows, blocks, List.of());
  }
}

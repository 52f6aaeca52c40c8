package dev.modelport.drift.window;

import java.util.List;

/**
 * The feature rows of one inference event, checked against the version's signature: {@code rows}
 * observations, with every feature of the schema covered by exactly one block.
 */
public record EventRows(int rows, List<RowBlock> blocks) {

  public EventRows {
    blocks = List.copyOf(blocks);
  }
}

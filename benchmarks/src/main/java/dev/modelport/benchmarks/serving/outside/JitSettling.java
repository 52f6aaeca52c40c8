package dev.modelport.benchmarks.serving.outside;

/**
 * Says, slice of load by slice, when a server's JIT has settled: its compiler threads took under
 * {@code maxShare} of the server's CPU in {@code slicesInARow} slices running. A server pinned to
 * one core of this machine takes 30 to 70 s of full load to get there, the traced one longer, and a
 * quiet slice can still be followed by a burst of recompilation (a quarter of a slice's CPU), so
 * one quiet slice is not enough.
 */
final class JitSettling {

  private final double maxShare;
  private final int slicesInARow;
  private int quiet;

  JitSettling(double maxShare, int slicesInARow) {
    if (maxShare <= 0 || maxShare >= 1 || slicesInARow < 1) {
      throw new IllegalArgumentException(
          "maxShare must be in (0, 1) and slicesInARow at least 1: "
              + maxShare
              + ", "
              + slicesInARow);
    }
    this.maxShare = maxShare;
    this.slicesInARow = slicesInARow;
  }

  /**
   * Takes one slice's compiler share (its compiler threads' CPU time over the server's, 0 to 1) and
   * says whether the JIT has now settled.
   */
  boolean settledAfter(double compilerShare) {
    quiet = compilerShare < maxShare ? quiet + 1 : 0;
    return quiet >= slicesInARow;
  }
}

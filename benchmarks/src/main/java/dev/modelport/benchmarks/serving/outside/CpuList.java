package dev.modelport.benchmarks.serving.outside;

/** A {@code taskset -c} CPU list ({@code "0"}, {@code "2-3"}, {@code "0,2-3"}). */
public final class CpuList {

  private CpuList() {}

  /**
   * The number of CPUs in {@code list}.
   *
   * @throws IllegalArgumentException when it is not a list of numbers and ranges
   */
  public static int count(String list) {
    int n = 0;
    for (String part : list.trim().split(",")) {
      String[] range = part.trim().split("-");
      try {
        if (range.length == 1) {
          Integer.parseInt(range[0]);
          n++;
        } else if (range.length == 2) {
          int from = Integer.parseInt(range[0]);
          int to = Integer.parseInt(range[1]);
          if (to < from) {
            throw new IllegalArgumentException("descending range in CPU list " + list);
          }
          n += to - from + 1;
        } else {
          throw new IllegalArgumentException("not a CPU list: " + list);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a CPU list: " + list, e);
      }
    }
    return n;
  }
}

package dev.modelport.registry.storage;

/** What a clean-up removed: a number of files or objects and their bytes. */
public record Freed(long count, long bytes) {
  public static final Freed NOTHING = new Freed(0, 0);

  public Freed plus(long size) {
    return new Freed(count + 1, bytes + size);
  }
}

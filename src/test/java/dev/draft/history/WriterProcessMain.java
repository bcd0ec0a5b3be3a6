package dev.draft.history;

import java.nio.file.Path;

/**
 * A second process for {@link ConcurrentWritersTest}: opens the history, says {@code ready} on
 * stdout, then writes runs the way a generation does. Arguments: the file, an id prefix, a count.
 */
public final class WriterProcessMain {
  private WriterProcessMain() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    try (HistoryStore store = HistoryStore.open(file)) {
      System.out.println("ready");
      System.out.flush();
      ConcurrentWritersTest.writeRuns(store, prefix, count);
    }
  }
}

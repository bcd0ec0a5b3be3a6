package dev.draft.batch;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where a batch's results go, written item by item so that a crash, Ctrl-C or kill -9 loses at most
 * the items in flight, and a later run with the same destination resumes: it skips every item
 * already complete there and runs the failed ones again. Thread-safe: workers write concurrently.
 */
public interface BatchSink extends Closeable {
  /** Whether the destination held a complete result for {@code id} when it was opened. */
  boolean done(String id);

  /** How many complete results the destination held when it was opened. */
  long doneCount();

  /**
   * Records how one item ended before returning (a kill then loses nothing of it): a complete draft
   * is written, a failure recorded with its error. An item is recorded at most once per run.
   *
   * @return the result as recorded: {@code result}, or a failure when the destination could not
   *     take its draft (a directory's file name that clashes with another item's, say)
   */
  BatchResult write(BatchResult result) throws IOException;

  /** Where failed items are recorded, for the summary: {@code out.jsonl (status "failed")}. */
  String failuresWhere();
}

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
   * Records how one item ended, durably (flushed) before returning: a complete draft is written, a
   * failure recorded with its error. An item is recorded at most once per run.
   */
  void write(BatchResult result) throws IOException;

  /** Where failed items are recorded, for the summary: {@code out.jsonl (status "failed")}. */
  String failuresWhere();
}

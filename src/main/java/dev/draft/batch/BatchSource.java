package dev.draft.batch;

import java.io.Closeable;
import java.io.IOException;

/**
 * The items of a batch, read one at a time as a stream: a million items hold no more memory than a
 * thousand. Not thread-safe: one reader calls {@link #next()}.
 */
public interface BatchSource extends Closeable {
  /**
   * The next item, or null after the last. A line or file that cannot be an item (not a JSON
   * object, a CSV row with too many fields, a binary file) comes back as an item with a {@link
   * BatchItem#problem()}, so the batch records it as failed and goes on.
   *
   * @throws IOException when the source itself can no longer be read
   */
  BatchItem next() throws IOException;

  /** What the source is, for messages: {@code examples/rewrite.csv (CSV)}. */
  String describe();
}

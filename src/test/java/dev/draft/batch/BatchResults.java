package dev.draft.batch;

import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.util.List;
import java.util.Map;

/** Items and results for the sinks' tests. */
final class BatchResults {
  private BatchResults() {}

  static BatchItem item(String id) {
    return new BatchItem(id, "line 1", Map.of("topic", "tides of " + id), "input", null, null);
  }

  static BatchItem fileItem(String path) {
    return new BatchItem(path, path, Map.of("path", path), "input", path, null);
  }

  static Draft draft(int index, String text) {
    return new Draft(index, text, null, Status.COMPLETE, "stop", null, new Usage(10, 20));
  }

  static BatchResult complete(BatchItem item, String text) {
    return new BatchResult(
        item, draft(1, text), List.of(), BatchResult.COMPLETE, null, new Usage(10, 20));
  }

  static BatchResult complete(String id, String text) {
    return complete(item(id), text);
  }

  static BatchResult failed(String id, String error) {
    return BatchResult.failed(item(id), error, new Usage(5, 0));
  }
}

package dev.draft.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.draft.Draft;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSONL destination ({@code --out results.jsonl}): one line per item, in the order items finish.
 * The line is a stable format that scripts read:
 *
 * <pre>{@code
 * {"id": "12-3fa9c2d1", "status": "complete",
 *  "index": 2, "text": "...", "draft_status": "complete", "finish_reason": "stop",
 *  "reasoning": null, "error": null,
 *  "usage": {"prompt_tokens": 310, "completion_tokens": 512},
 *  "variables": {"topic": "tides"}, "where": "line 12",
 *  "candidates": [{"index": 1, "text": "...", "status": "complete", "finish_reason": "stop",
 *                  "reasoning": null, "error": null,
 *                  "usage": {"prompt_tokens": 155, "completion_tokens": 240}}, ...]}
 * }</pre>
 *
 * <ul>
 *   <li>{@code status} is the item's: {@code complete} or {@code failed}.
 *   <li>{@code index} to {@code reasoning} are the chosen draft's fields under the names {@code
 *       --format json} gives them, except that its status is {@code draft_status}; all null when no
 *       draft was chosen (a failed item).
 *   <li>{@code error} is why the item failed, else the chosen draft's own error; usually null.
 *   <li>{@code usage} is what all the item's requests took (judging included), not the draft's.
 *   <li>{@code variables} are the item's template variables, sorted by name; {@code where} is where
 *       it is in the source ({@code line 12}, {@code posts/a.md}).
 *   <li>{@code candidates}, only with {@code --keep-all}: every candidate, exactly as {@code
 *       --format json} prints a draft.
 * </ul>
 *
 * <p>Each line is written whole, and forced to the disk within a second (see {@link ResultLog}),
 * and an id is never in the file twice: a resumed run keeps the complete lines and drops the failed
 * ones, which run again (see {@link ResultLog}).
 */
final class JsonlSink implements BatchSink {
  private final ResultLog log;
  private final String shown;

  private JsonlSink(ResultLog log, String shown) {
    this.log = log;
    this.shown = shown;
  }

  /**
   * Opens {@code file} for a batch, resuming what it holds unless {@code redo}.
   *
   * @throws IOException when it cannot be read or written
   */
  static JsonlSink open(Path file, boolean redo) throws IOException {
    return new JsonlSink(ResultLog.open(file, redo, line -> true), file.toString());
  }

  @Override
  public boolean done(String id) {
    return log.done(id);
  }

  @Override
  public long doneCount() {
    return log.doneCount();
  }

  /**
   * @throws IllegalStateException when the item was recorded already, in this run or (complete) in
   *     an earlier one
   */
  @Override
  public BatchResult write(BatchResult result) throws IOException {
    String line = line(result);
    log.claim(result.item().id());
    log.append(line);
    return result;
  }

  @Override
  public String failuresWhere() {
    return shown + " (lines with \"status\": \"failed\")";
  }

  @Override
  public void close() throws IOException {
    log.close();
  }

  /** The line of {@code result}, without its newline. */
  static String line(BatchResult result) {
    BatchItem item = result.item();
    Draft chosen = result.chosen();
    ObjectNode node = ResultJson.MAPPER.createObjectNode();
    node.put("id", item.id());
    node.put("status", result.status());
    ResultJson.putDraft(node, chosen, "draft_status");
    node.put("error", result.error() != null || chosen == null ? result.error() : chosen.error());
    node.set("usage", ResultJson.usage(result.usage()));
    ObjectNode variables = node.putObject("variables");
    Map<String, String> sorted = new TreeMap<>(item.variables());
    sorted.forEach(variables::put);
    node.put("where", item.where());
    if (!result.candidates().isEmpty()) {
      var array = node.putArray("candidates");
      result.candidates().forEach(d -> array.add(ResultJson.draft(d)));
    }
    return ResultJson.line(node);
  }
}

package dev.draft.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftSet;
import java.io.PrintWriter;
import java.util.List;

/** Writes drafts to stdout in the formats of DESIGN §6. */
final class DraftOutput {
  /** Who produced the drafts, for the JSON output. */
  record RunInfo(String run, String template, String profile, String model) {}

  private DraftOutput() {}

  /**
   * @param pick the candidate to print alone (from 1), or 0 for all
   * @param alreadyStreamed whether the single draft's text already went to {@code out} as it
   *     arrived
   */
  static void write(
      PrintWriter out,
      OutputOptions.Format format,
      RunInfo info,
      DraftSet set,
      int pick,
      boolean alreadyStreamed) {
    List<Draft> drafts = pick == 0 ? set.drafts() : List.of(set.drafts().get(pick - 1));
    switch (format) {
      case text -> writeText(out, drafts, set.drafts().size(), pick != 0, alreadyStreamed);
      case json -> {
        ObjectNode root = JsonText.MAPPER.createObjectNode();
        root.put("run", info.run());
        root.put("template", info.template());
        root.put("profile", info.profile());
        root.put("model", info.model());
        var array = root.putArray("drafts");
        drafts.forEach(d -> array.add(draftNode(d, null)));
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", set.usage().promptTokens());
        usage.put("completion_tokens", set.usage().completionTokens());
        usage.put("total_tokens", set.usage().totalTokens());
        out.println(JsonText.write(root));
      }
      case jsonl -> drafts.forEach(d -> out.println(JsonText.write(draftNode(d, info.run()))));
    }
    out.flush();
  }

  private static void writeText(
      PrintWriter out, List<Draft> drafts, int total, boolean single, boolean alreadyStreamed) {
    if (alreadyStreamed) {
      // End the streamed text with a newline; when nothing was streamed there is nothing to end.
      String text = drafts.get(0).text();
      if (!text.isEmpty() && !text.endsWith("\n")) {
        out.println();
      }
      return;
    }
    for (int i = 0; i < drafts.size(); i++) {
      Draft draft = drafts.get(i);
      if (!single && total > 1) {
        if (i > 0) {
          out.println();
        }
        out.println("=== draft " + draft.index() + "/" + total + " ===");
      }
      out.print(draft.text());
      if (!draft.text().endsWith("\n")) {
        out.println();
      }
    }
  }

  static ObjectNode draftNode(Draft d, String run) {
    ObjectNode node = JsonText.MAPPER.createObjectNode();
    if (run != null) {
      node.put("run", run);
    }
    node.put("index", d.index());
    node.put("text", d.text());
    node.put("status", d.status().label());
    node.put("finish_reason", d.finishReason());
    node.put("reasoning", d.reasoning());
    node.put("error", d.error());
    ObjectNode usage = node.putObject("usage");
    Usage u = d.usage();
    usage.put("prompt_tokens", u.promptTokens());
    usage.put("completion_tokens", u.completionTokens());
    return node;
  }
}

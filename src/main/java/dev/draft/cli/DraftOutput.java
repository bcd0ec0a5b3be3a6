package dev.draft.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftSet;
import dev.draft.draft.DraftText;
import dev.draft.session.JsonText;
import java.util.List;

/** Renders drafts in the formats of DESIGN §6, as text for stdout or a file. */
final class DraftOutput {
  /** Who produced the drafts, for the JSON output and Markdown headings. */
  record RunInfo(String run, String template, String profile, String model) {}

  private DraftOutput() {}

  /**
   * The whole output for {@code drafts} (all of a run's drafts, or the one picked).
   *
   * @param total how many drafts the run has, for the {@code K/N} labels
   */
  static String render(
      OutputOptions.Format format, RunInfo info, DraftSet set, List<Draft> drafts) {
    int total = set.drafts().size();
    StringBuilder out = new StringBuilder();
    switch (format) {
      case text -> {
        for (Draft draft : drafts) {
          if (drafts.size() > 1) {
            if (out.length() > 0) {
              out.append('\n');
            }
            out.append(DraftText.header(draft.index(), total, List.of(DraftText.headerMark(draft))))
                .append('\n');
            out.append(DraftText.withNewline(draft.text()));
          } else {
            out.append(DraftText.marked(draft));
          }
        }
      }
      case md -> {
        if (drafts.size() == 1) {
          out.append(DraftText.marked(drafts.get(0)));
        } else {
          out.append("# ")
              .append(info.template() == null ? "draft ask" : info.template())
              .append(" — run ")
              .append(info.run())
              .append("\n");
          for (Draft draft : drafts) {
            out.append("\n## Draft ")
                .append(draft.index())
                .append(" of ")
                .append(total)
                .append("\n\n");
            if (!draft.delivered()) {
              out.append("*(").append(draft.status().label());
              if (draft.error() != null) {
                out.append(": ").append(draft.error());
              }
              out.append(")*\n\n");
            }
            out.append(DraftText.withNewline(draft.text()));
          }
        }
      }
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
        out.append(JsonText.write(root)).append('\n');
      }
      case jsonl ->
          drafts.forEach(d -> out.append(JsonText.write(draftNode(d, info.run()))).append('\n'));
    }
    return out.toString();
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

package dev.draft.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.client.ChatMessage;
import dev.draft.client.Usage;
import dev.draft.draft.DraftText;
import dev.draft.history.StoredDraft;
import dev.draft.history.StoredRun;
import dev.draft.session.JsonText;
import java.io.PrintWriter;
import java.util.List;

/** How {@code show} and {@code export} print a stored run: as text for people, or as JSON. */
final class StoredRunOutput {
  private StoredRunOutput() {}

  /** The run's header, its prompt or variables, then each draft under its header line. */
  static void printText(PrintWriter out, StoredRun run) {
    out.println(
        "run "
            + run.id()
            + "  "
            + run.createdAt()
            + "  "
            + (run.template() == null ? "draft ask" : "template " + run.template())
            + "  "
            + run.model()
            + (run.profile() == null ? "" : " (profile " + run.profile() + ")"));
    if (run.baseUrl() != null) {
      // Stored without user info, query or fragment (NewRun), so no key written into it shows.
      out.println("  endpoint: " + run.baseUrl());
    }
    if (run.template() == null && !run.kind().equals("refine") && !run.kind().equals("merge")) {
      // A template run is told by its variables; a raw prompt only by the prompt itself.
      for (ChatMessage message : run.messages()) {
        printPrompt(out, run, message.role().equals("user") ? "prompt" : message.role(), message);
      }
    }
    if (run.parentRun() != null) {
      out.println(
          "  "
              + run.kind()
              + " of "
              + run.parentRun()
              + (run.parentDraft() == null ? "" : "/" + run.parentDraft()));
    }
    if (!run.variables().isEmpty()) {
      run.variables()
          .forEach((name, value) -> out.println("  --" + name.replace('_', '-') + " " + value));
    }
    if (run.inputRef() != null) {
      out.println(
          "  input: "
              + run.inputRef()
              + (run.inputChars() == null ? "" : " (" + run.inputChars() + " characters)"));
    }
    for (StoredDraft draft : run.drafts()) {
      out.println();
      out.println(
          DraftText.header(
              draft.index(),
              run.drafts().size(),
              List.of(
                  draft.status().label() + (draft.error() == null ? "" : ": " + draft.error()),
                  run.edited(draft.index()) ? "edited" : "",
                  run.picked() != null && run.picked() == draft.index() ? "picked" : "")));
      out.print(DraftText.withNewline(run.currentText(draft)));
    }
  }

  /** Longest part of a prompt {@code show} prints; {@code export} prints it whole. */
  static final int PROMPT_SHOWN = 2000;

  private static void printPrompt(PrintWriter out, StoredRun run, String label, ChatMessage m) {
    String text = m.content().strip();
    String more = "";
    if (text.length() > PROMPT_SHOWN) {
      int cut = PROMPT_SHOWN;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      more =
          "… ("
              + text.codePointCount(cut, text.length())
              + " more characters; 'draft export "
              + run.id()
              + "' prints the whole prompt)";
      text = text.substring(0, cut);
    }
    String indent = " ".repeat(label.length() + 4);
    out.println("  " + label + ": " + (text + more).replace("\n", "\n" + indent));
  }

  static ObjectNode runNode(StoredRun run) {
    ObjectNode root = JsonText.MAPPER.createObjectNode();
    root.put("run", run.id());
    root.put("created_at", run.createdAt().toString());
    root.put("template", run.template());
    root.put("profile", run.profile());
    root.put("model", run.model());
    root.put("base_url", run.baseUrl());
    root.put("method", run.method());
    root.put("kind", run.kind());
    root.put("parent_run", run.parentRun());
    root.put("parent_draft", run.parentDraft());
    root.put("picked", run.picked());
    ObjectNode variables = root.putObject("variables");
    run.variables().forEach(variables::put);
    root.put("input_ref", run.inputRef());
    ArrayNode messages = root.putArray("messages");
    run.messages()
        .forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
    ArrayNode drafts = root.putArray("drafts");
    run.drafts().forEach(d -> drafts.add(draftNode(run, d, false)));
    // A run that never finished (killed, crashed) has no totals.
    Usage total = run.usage() == null ? Usage.NONE : run.usage();
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", total.promptTokens());
    usage.put("completion_tokens", total.completionTokens());
    usage.put("total_tokens", total.totalTokens());
    root.put("cost_usd", run.costUsd());
    return root;
  }

  /**
   * A stored draft in the JSON of DESIGN §6 with its current text, plus its timings and whether the
   * text is the user's edit.
   */
  static ObjectNode draftNode(StoredRun run, StoredDraft d, boolean withRunId) {
    ObjectNode node =
        DraftOutput.draftNode(
            d.toDraft().withText(run.currentText(d)), withRunId ? run.id() : null);
    // A draft still streaming in a live process says so (toDraft reads it as interrupted).
    node.put("status", d.status().label());
    node.put("edited", run.edited(d.index()));
    node.put("first_token_ms", d.firstTokenMs());
    node.put("total_ms", d.totalMs());
    return node;
  }
}

package dev.draft.cli;

import dev.draft.client.ChatMessage;
import dev.draft.draft.DraftText;
import dev.draft.history.StoredDraft;
import dev.draft.history.StoredRun;
import dev.draft.session.Context;
import dev.draft.session.JsonText;
import dev.draft.session.PastRuns;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code draft export RUN --format md|json}: a past run as one document. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Print a past run as a Markdown document (prompt, variables, every draft) or JSON.")
public final class ExportCommand implements Callable<Integer> {
  /** The export formats. */
  enum Format {
    md,
    json
  }

  @Parameters(paramLabel = "RUN", description = "A run id, a unique prefix of one, or 'last'.")
  String ref;

  @Option(names = "--format", paramLabel = "FORMAT", description = "md (default) or json.")
  Format format = Format.md;

  private final Context context;

  public ExportCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    StoredRun run = PastRuns.findWithDrafts(context, ref, "draft export");
    if (format == Format.json) {
      context.out().println(JsonText.write(StoredRunOutput.runNode(run)));
      return ExitCode.OK;
    }
    context.out().print(markdown(run));
    return ExitCode.OK;
  }

  static String markdown(StoredRun run) {
    StringBuilder md = new StringBuilder();
    md.append("# ")
        .append(run.template() == null ? "draft ask" : run.template())
        .append(" — run ")
        .append(run.id())
        .append("\n\n");
    md.append("- created: ").append(run.createdAt()).append('\n');
    md.append("- model: ").append(run.model());
    if (run.profile() != null) {
      md.append(" (profile ").append(run.profile()).append(')');
    }
    md.append('\n');
    if (run.parentRun() != null) {
      md.append("- from run: ")
          .append(run.parentRun())
          .append(run.parentDraft() == null ? "" : "/" + run.parentDraft())
          .append(" (")
          .append(run.kind())
          .append(")\n");
    }
    if (run.inputRef() != null) {
      md.append("- input: ").append(run.inputRef()).append('\n');
    }
    if (!run.variables().isEmpty()) {
      md.append("\n## Variables\n\n");
      run.variables()
          .forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    }
    md.append("\n## Prompt\n");
    for (ChatMessage message : run.messages()) {
      md.append("\n### ").append(message.role()).append("\n\n");
      md.append(DraftText.withNewline(message.content()));
    }
    for (StoredDraft draft : run.drafts()) {
      md.append("\n## Draft ")
          .append(draft.index())
          .append(" of ")
          .append(run.drafts().size())
          .append(" (")
          .append(draft.status().label());
      if (run.edited(draft.index())) {
        md.append(", edited");
      }
      if (run.picked() != null && run.picked() == draft.index()) {
        md.append(", picked");
      }
      md.append(")\n\n");
      if (draft.error() != null) {
        md.append("*").append(draft.error()).append("*\n\n");
      }
      md.append(DraftText.withNewline(run.currentText(draft)));
    }
    return md.toString();
  }
}

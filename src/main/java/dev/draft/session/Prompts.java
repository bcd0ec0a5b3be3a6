package dev.draft.session;

import dev.draft.client.ChatMessage;
import dev.draft.template.Rendered;
import dev.draft.template.Template;
import dev.draft.template.TemplateLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a context's templates are found (the user's folder, the project's {@code .draft/prompts},
 * the shipped ones) and how a rendered one becomes the messages of a request.
 */
public final class Prompts {
  private Prompts() {}

  /** The template library of {@code context}: the project's, the user's and the shipped ones. */
  public static TemplateLibrary library(Context context) {
    return TemplateLibrary.discover(
        context.dirs().promptsDir(), context.cwd().resolve(".draft").resolve("prompts"));
  }

  /**
   * The winning reserved template {@code name} ({@code _angles}, {@code _refine}, …): a project's
   * or user's override, else the shipped one.
   *
   * @throws UsageException when there is none
   */
  public static Template reserved(Context context, String name) {
    return library(context)
        .find(name)
        .orElseThrow(
            () ->
                new UsageException(
                    "the "
                        + name
                        + " template is missing; reinstall draft (or put your own in the folder"
                        + " 'draft templates path' shows)"))
        .load();
  }

  /**
   * The messages a rendered template sends: its system message when it has one, then the user's.
   */
  public static List<ChatMessage> messages(Rendered rendered) {
    List<ChatMessage> messages = new ArrayList<>();
    if (rendered.system() != null && !rendered.system().isBlank()) {
      messages.add(ChatMessage.system(rendered.system()));
    }
    messages.add(ChatMessage.user(rendered.user()));
    return messages;
  }
}

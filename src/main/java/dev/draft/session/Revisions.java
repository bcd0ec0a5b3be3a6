package dev.draft.session;

import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import dev.draft.draft.JudgeReply;
import dev.draft.draft.Judgement;
import dev.draft.draft.NumberedText;
import dev.draft.template.Template;
import dev.draft.template.TemplateRenderer;
import dev.draft.template.TemplateValues;
import dev.draft.text.Listing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The requests of the drafting loop beyond the first generation, built from the tool's own
 * templates ({@code _refine}, {@code _merge}, {@code _judge}; shipped in {@code prompts/} and
 * overridable like any template): revising one draft, merging several, and asking a judge to rank
 * drafts shown blind. Prints nothing, so the pick view can call it as the commands do.
 */
public final class Revisions {
  static final String REFINE = "_refine";
  static final String MERGE = "_merge";
  static final String JUDGE = "_judge";

  /** The judge's temperature when {@code _judge} sets none: the same drafts, the same verdict. */
  static final double JUDGE_TEMPERATURE = 0;

  private final Context context;
  private final EndpointSession session;
  private final Map<String, Template> loaded = new HashMap<>();
  private Usage judged = Usage.NONE;

  public Revisions(Context context, EndpointSession session) {
    this.context = context;
    this.session = session;
  }

  /**
   * A request for a revision of {@code draftText} following {@code instruction}: {@code _refine}
   * rendered, with its temperature and token limit if it sets them; the caller adds the flags' and
   * the parent run's sampling.
   */
  public Requests refine(String draftText, String instruction) {
    return request(REFINE, Map.of("draft", draftText.strip(), "instruction", instruction.strip()));
  }

  /**
   * A request for one text combining {@code drafts}, each labelled by its number ({@code Draft 1},
   * {@code Draft 3}), following {@code instruction} (null or blank for none): {@code _merge}
   * rendered.
   */
  public Requests merge(List<NumberedText> drafts, String instruction) {
    List<String> labels = drafts.stream().map(d -> "Draft " + d.number()).toList();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("drafts", blocks(labels, drafts));
    values.put("labels", Listing.and(labels));
    if (instruction != null && !instruction.isBlank()) {
      values.put("instruction", instruction.strip());
    }
    return request(MERGE, values);
  }

  /** What the history records of a refinement of {@code parentRun}'s draft {@code draft}. */
  public RunOrigin refineOrigin(String parentRun, int draft, String instruction) {
    Template template = template(REFINE);
    return RunOrigin.revision(
        template.name(),
        template.text(),
        Map.of("instruction", instruction.strip()),
        parentRun,
        draft,
        "refine");
  }

  /**
   * What the history records of a merge of {@code parentRun}'s {@code drafts}: their numbers (as
   * {@code "1,3"}) and the instruction, as the run's variables.
   */
  public RunOrigin mergeOrigin(String parentRun, List<Integer> drafts, String instruction) {
    return mergeOrigin(
        parentRun,
        drafts.stream().map(String::valueOf).collect(Collectors.joining(",")),
        instruction);
  }

  /**
   * What the history records of a merge, the drafts merged named as {@code drafts}: {@code "1,3"}
   * within {@code parentRun}, or {@code "r1/1,r2/1"} when they come from several runs (a draft and
   * a refinement of another, merged in the pick view).
   */
  public RunOrigin mergeOrigin(String parentRun, String drafts, String instruction) {
    Template template = template(MERGE);
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("drafts", drafts);
    if (instruction != null && !instruction.isBlank()) {
      variables.put("instruction", instruction.strip());
    }
    return RunOrigin.revision(
        template.name(), template.text(), variables, parentRun, null, "merge");
  }

  /**
   * Asks the session's model to rank {@code drafts} against {@code brief}: one request ({@code
   * n=1}, not streamed, temperature {@value #JUDGE_TEMPERATURE} unless {@code _judge} sets one)
   * showing the drafts shuffled with the context's random and labelled A, B, C…, never with their
   * numbers; the answer is mapped back to draft numbers.
   *
   * @param brief what the drafts answer (the run's user message), so the judge can weigh accuracy
   * @param drafts at least two
   * @throws EndpointException when the request fails, or ({@link
   *     EndpointException.Kind#BAD_RESPONSE}) when the answer is not a ranking of every draft
   */
  /** The tokens this instance's judge calls took, as the endpoint reported them. */
  public Usage judgeUsage() {
    return judged;
  }

  public Judgement judge(String brief, List<NumberedText> drafts) {
    if (drafts.size() < 2) {
      throw new IllegalArgumentException("a judge needs two drafts at least, got " + drafts.size());
    }
    Map<Integer, String> texts = new HashMap<>();
    drafts.forEach(d -> texts.put(d.number(), d.text()));
    Map<String, Integer> shownAs =
        Judgement.blindOrder(drafts.stream().map(NumberedText::number).toList(), context.random());
    List<String> labels = List.copyOf(shownAs.keySet());
    List<NumberedText> shown = new ArrayList<>();
    shownAs.values().forEach(number -> shown.add(new NumberedText(number, texts.get(number))));
    Map<String, String> values = new LinkedHashMap<>();
    values.put("brief", brief);
    values.put("drafts", blocks(labels, shown));
    values.put("labels", Listing.and(labels));
    String model = session.model();
    ChatRequest ask =
        request(JUDGE, values)
            .fallbackTemperature(JUDGE_TEMPERATURE)
            .unstreamed()
            .build()
            .withModel(model);
    ChatResult result;
    // Ctrl-C stops the judge (EndpointException.Kind.INTERRUPTED), not the session.
    try (Interrupts.Scope scope = context.interrupts().cancelling(session.client())) {
      result = session.client().complete(ask, StreamListener.NONE);
    }
    if (result.usage() != null) {
      judged = judged.plus(result.usage());
    }
    String answer = result.choices().isEmpty() ? "" : result.choices().get(0).text();
    try {
      return Judgement.of(JudgeReply.parse(answer, labels), shownAs, model);
    } catch (JudgeReply.Unreadable unreadable) {
      throw new EndpointException(
          EndpointException.Kind.BAD_RESPONSE,
          0,
          "the judge's answer was not a ranking ("
              + unreadable.getMessage()
              + "): try a stronger model with -m, or edit the judge's prompt with 'draft templates"
              + " edit "
              + JUDGE
              + "' (it answered: \""
              + preview(answer)
              + "\")");
    }
  }

  /**
   * The brief a judge weighs drafts against: the last user message of the messages that asked for
   * them (a run's {@code messages}), or empty when there is none.
   */
  public static String brief(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  private Requests request(String name, Map<String, String> given) {
    Template template = template(name);
    // An override may drop a variable it does not need; only what it declares is passed.
    Map<String, String> values = new LinkedHashMap<>(given);
    values.keySet().retainAll(template.variables().keySet());
    List<ChatMessage> messages =
        Prompts.messages(
            TemplateRenderer.render(template, TemplateValues.resolve(template, values), null));
    return Requests.of(messages).template(template);
  }

  /** The winning {@code _name} template (a user's or project's override, else the shipped one). */
  private Template template(String name) {
    return loaded.computeIfAbsent(name, n -> Prompts.reserved(context, n));
  }

  /** Each text in a {@code <draft label="...">} tag, in order, a blank line between. */
  private static String blocks(List<String> labels, List<NumberedText> drafts) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < drafts.size(); i++) {
      if (i > 0) {
        text.append("\n\n");
      }
      text.append("<draft label=\"")
          .append(labels.get(i))
          .append("\">\n")
          .append(drafts.get(i).text().strip())
          .append("\n</draft>");
    }
    return text.toString();
  }

  private static String preview(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > 200 ? line.substring(0, 199) + "…" : line;
  }
}

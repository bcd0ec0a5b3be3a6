package dev.draft.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.Choice;
import dev.draft.client.EndpointException;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import dev.draft.draft.Vary;
import dev.draft.history.Sha256;
import dev.draft.history.StoredNotes;
import dev.draft.longdoc.Chunk;
import dev.draft.longdoc.Chunker;
import dev.draft.longdoc.ContextWindow;
import dev.draft.longdoc.PromptFit;
import dev.draft.longdoc.Strategy;
import dev.draft.longdoc.TokenCounter;
import dev.draft.template.Rendered;
import dev.draft.template.Template;
import dev.draft.template.TemplateRenderer;
import dev.draft.template.TemplateValues;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An input longer than the model's window, read in parts: split on the document's own structure
 * ({@link Chunker}), then, by {@link Strategy}, notes on every part combined into the result
 * ({@code map-reduce}), or only the start that fits ({@code truncate}). The notes are taken once:
 * the N candidates are N calls of the last step only, made as any run's ({@link PlannedRun}).
 *
 * <p>The prompts are the shipped, overridable templates {@code _map} and {@code _reduce}; both
 * carry the user's template as the goal, so the result follows its form, length, audience and
 * language.
 */
public final class LongDocument {
  static final String MAP = "_map";
  static final String REDUCE = "_reduce";

  /** Without a known window, draft assumes this one and says so. */
  public static final int DEFAULT_WINDOW = 4_096;

  /** What stands in the goal where the user's template puts the input. */
  static final String INPUT_PLACEHOLDER = "[the document: you have it as notes on its parts]";

  /** The room a part's notes may take: an eighth of the window, within these bounds. */
  static final int MIN_NOTES = 256;

  static final int MAX_NOTES = 1_024;

  /** Tokens kept free in every prompt for what counting cannot see (chat-template markers). */
  static final int SLACK = 64;

  /** Room for a part's heading path in its prompt ({@code It sits under: A > B}). */
  static final int HEADINGS = 48;

  /** Notes are asked for in words: about this many per token of room, so they are not cut. */
  static final double WORDS_PER_TOKEN = 0.6;

  /**
   * Room for the approach {@code --vary angles} adds to each candidate's prompt: one line of the
   * model's list and the words that introduce it.
   */
  static final int ANGLE_ROOM = 160;

  /** Rounds of combining notes before draft gives up: each round at least halves them. */
  static final int MAX_ROUNDS = 8;

  /**
   * How the document will be read.
   *
   * @param window the window measured against; {@code assumed} when draft did not know it
   * @param inputTokens the input's size
   * @param partBudget the most tokens a part may have
   * @param notesTokens the most tokens a part's notes may have
   * @param answerTokens the room kept for the final answer
   * @param parts the document's parts, in order
   */
  public record Plan(
      Strategy strategy,
      ContextWindow window,
      boolean assumed,
      String model,
      long inputTokens,
      int partBudget,
      int notesTokens,
      int answerTokens,
      List<Chunk> parts) {
    public Plan {
      parts = List.copyOf(parts);
    }

    /** How many parts the notes are taken on, or kept ({@code truncate} keeps the first). */
    public int size() {
      return parts.size();
    }

    int windowTokens() {
      return assumed ? DEFAULT_WINDOW : window.tokens();
    }

    /**
     * About how many calls combining the notes takes: rounds while the notes, at their longest,
     * exceed what the last step can take, each round's groups as many as it takes.
     */
    public int combiningCalls() {
      long room = Math.max(1, windowTokens() - answerTokens - (long) partBudget / 4);
      long notes = (long) parts.size() * notesTokens;
      int calls = 0;
      while (notes > room && calls < 1_000) {
        long groups = (notes + room - 1) / room;
        calls += (int) groups;
        notes = groups * notesTokens;
        if (groups == 1) {
          break;
        }
      }
      return calls;
    }

    /** About what reading the document and {@code n} results cost, at the notes' longest. */
    public Usage estimate(int n) {
      int combining = combiningCalls();
      long prompt = 0;
      for (Chunk part : parts) {
        prompt += part.tokens() + notesTokens / 2;
      }
      long completion = (long) (parts.size() + combining) * notesTokens;
      prompt +=
          (long) combining * windowTokens() / 2 + (long) n * Math.min(windowTokens(), completion);
      completion += (long) n * answerTokens;
      return new Usage(prompt, completion);
    }
  }

  /**
   * How far reading has got, for a progress line.
   *
   * @param stage {@code notes} while taking notes on the parts, {@code combining} in later rounds
   * @param done calls finished in this stage
   * @param total calls in this stage
   * @param usage tokens spent so far, every stage
   * @param elapsed since the first call
   */
  public record Progress(String stage, int done, int total, Usage usage, Duration elapsed) {}

  /**
   * A part whose notes could not be taken: the result is made without it.
   *
   * @param label which part, as the user is told: {@code part 3 of 9 (Costs > Budget)}
   */
  public record Missing(String label, String error) {}

  /**
   * The notes taken, ready for the result.
   *
   * @param request the last step's request, as a run's: the N candidates are N of it
   * @param rounds how many rounds the notes took (1: notes only, more: combined)
   * @param calls the calls made before the last step
   * @param usage the tokens they took
   * @param missing the parts left out because their notes failed
   */
  public record Read(
      ChatRequest request,
      int rounds,
      int calls,
      Usage usage,
      List<Missing> missing,
      List<List<String>> steps,
      Strategy strategy,
      String key,
      String finalNotes,
      String reusedFrom) {
    public Read {
      missing = List.copyOf(missing);
      steps = steps.stream().map(List::copyOf).toList();
    }

    /** Whether the notes are a past run's ({@link #reusedFrom()}), not taken now. */
    public boolean reused() {
      return reusedFrom != null;
    }

    /**
     * What the history keeps of the reading, a {@code notes} event's payload: the strategy, each
     * round's results (the notes on the parts, then each round of combining), the notes the result
     * is written from, the calls, the tokens, the parts left out, the {@link #fingerprint} that
     * lets a later run use these notes again, and the run they came from when they were reused.
     */
    public String payload() {
      ObjectNode root = JsonText.MAPPER.createObjectNode();
      root.put("strategy", strategy.label());
      root.put("key", key);
      if (reusedFrom != null) {
        root.put("reused_from", reusedFrom);
      }
      root.put("final", finalNotes);
      ArrayNode rounds = root.putArray("rounds");
      for (List<String> step : steps) {
        ArrayNode round = rounds.addArray();
        step.forEach(round::add);
      }
      root.put("calls", calls);
      root.putObject("usage")
          .put("prompt_tokens", usage.promptTokens())
          .put("completion_tokens", usage.completionTokens());
      ArrayNode left = root.putArray("missing");
      missing.forEach(m -> left.addObject().put("part", m.label()).put("error", m.error()));
      return JsonText.write(root);
    }
  }

  private final Context context;
  private final EndpointSession session;
  private final Template template;
  private final Map<String, String> values;
  private final String input;
  private final Sampling sampling;
  private final TokenCounter counter;
  private final Consumer<Progress> progress;
  private final Map<String, Template> loaded = new LinkedHashMap<>();

  /**
   * @param template the user's template, whose goal the result follows
   * @param values its variables' values
   * @param input the document
   * @param counter counts tokens as the model does, or as near as draft can
   * @param progress told after every call
   */
  public LongDocument(
      Context context,
      EndpointSession session,
      Template template,
      Map<String, String> values,
      String input,
      Sampling sampling,
      TokenCounter counter,
      Consumer<Progress> progress) {
    this.context = context;
    this.session = session;
    this.template = template;
    this.values = values;
    this.input = input;
    this.sampling = sampling;
    // Never below the count the check before sending makes: a part or a last step sized here is
    // then never refused there.
    this.counter =
        text ->
            (int)
                Math.min(Integer.MAX_VALUE, Math.max(counter.count(text), PromptFit.tokens(text)));
    this.progress = progress;
  }

  /**
   * Plans how {@code strategy} reads the document against {@code window} (unknown: {@link
   * #DEFAULT_WINDOW}, and the plan says it was assumed).
   *
   * @param vary how the candidates will differ: {@code angles} gives each an approach to take,
   *     which the last step's prompt keeps room for, so it is never refused after the parts are
   *     paid for
   * @throws UsageException when the window is too small to hold even a part and its prompt
   */
  public Plan plan(Strategy strategy, ContextWindow window, Vary vary) {
    boolean assumed = !window.known();
    int tokens = assumed ? DEFAULT_WINDOW : window.tokens();
    int answer = answerTokens(tokens) + (vary == Vary.angles ? ANGLE_ROOM : 0);
    int notes = Math.max(MIN_NOTES, Math.min(MAX_NOTES, tokens / 8));
    int overhead;
    int partBudget;
    if (strategy == Strategy.TRUNCATE) {
      overhead = tokens(messages(template, values, "…")) + SLACK;
      partBudget = tokens - overhead - answer;
    } else if (strategy == Strategy.REFINE) {
      // The running notes come in with each part and go out again, up to date.
      notes = Math.max(MIN_NOTES, Math.min(2 * MAX_NOTES, tokens / 6));
      overhead = tokens(mapMessages("…", 1, 1, List.of("…"), "…", notes)) + HEADINGS + SLACK;
      partBudget = tokens - overhead - 2 * notes;
    } else {
      overhead = tokens(mapMessages("…", 1, 1, List.of("…"), "", notes)) + HEADINGS + SLACK;
      partBudget = tokens - overhead - notes;
    }
    String noRoom =
        strategy == Strategy.TRUNCATE
            ? "%s's window of %,d tokens leaves no room for the input beside the prompt (%,d"
                + " tokens) and the answer (%,d): lower --max-tokens, or use a model with a longer"
                + " context"
            : "%s's window of %,d tokens leaves no room for a part of the input beside the prompt"
                + " (%,d tokens) and its notes (%,d): use a model with a longer context";
    if (partBudget < MIN_NOTES) {
      throw new UsageException(
          String.format(
              Locale.ROOT,
              noRoom,
              session.model(),
              tokens,
              overhead,
              strategy == Strategy.TRUNCATE ? answer : notes));
    }
    if (strategy != Strategy.TRUNCATE) {
      // The last step takes at least one part's notes and writes the answer: refused now if it
      // cannot, before any part is paid for.
      int last = tokens(reduceMessages("…", false)) + notes + answer + SLACK;
      if (last > tokens) {
        throw new UsageException(
            String.format(
                Locale.ROOT,
                "%s's window of %,d tokens cannot hold the last step: its prompt and notes (%,d"
                    + " tokens) and the answer (%,d): lower --max-tokens, or use a model with a"
                    + " longer context",
                session.model(),
                tokens,
                last - answer,
                answer));
      }
    }
    List<Chunk> parts = new Chunker(counter).split(input, partBudget, 0);
    // The parts cover the input without overlap: their counts add up to its own, near enough,
    // and counting 800 KB again would take a quarter of a second.
    long inputTokens = parts.stream().mapToLong(Chunk::tokens).sum();
    if (strategy == Strategy.TRUNCATE) {
      parts = parts.isEmpty() ? parts : List.of(parts.get(0));
    }
    return new Plan(
        strategy,
        assumed ? ContextWindow.UNKNOWN : window,
        assumed,
        session.model(),
        inputTokens,
        partBudget,
        notes,
        answer,
        parts);
  }

  /** The room the final answer keeps: the flags' or template's token limit, else a quarter. */
  private int answerTokens(int window) {
    Integer asked = sampling.maxTokens() != null ? sampling.maxTokens() : template.maxTokens();
    return asked != null ? asked : Math.max(MIN_NOTES, window / 4);
  }

  /** The document's start that fits ({@code truncate}): the first part of {@code plan}. */
  public String truncated(Plan plan) {
    return plan.parts().isEmpty() ? input : plan.parts().get(0).text();
  }

  /**
   * Takes notes on every part of {@code plan} in parallel (within the endpoint's concurrency),
   * combines them in rounds while they are too long to use together, and returns the request of the
   * last step. A part whose notes fail after the client's retries is left out and named in {@link
   * Read#missing()}; Ctrl-C stops the reading.
   *
   * @throws EndpointException when no part's notes could be taken, or the reading was stopped
   */
  public Read mapReduce(Plan plan) {
    long started = System.nanoTime();
    Usage[] spent = {Usage.NONE};
    int total = plan.size();
    // Each part's request is made when its call starts: a copy of the document is never held in
    // requests waiting their turn.
    List<Supplier<ChatRequest>> mapRequests = new ArrayList<>();
    for (Chunk part : plan.parts()) {
      mapRequests.add(() -> partRequest(part, total, "", plan));
    }
    List<Outcome> mapped = callAll("notes", mapRequests, spent, started);
    List<String> notes = new ArrayList<>();
    // Which parts each note covers, first and last (numbered from 1), for the combined notes'
    // label.
    List<int[]> spans = new ArrayList<>();
    List<Missing> missing = new ArrayList<>();
    EndpointException firstFailure = null;
    for (int i = 0; i < total; i++) {
      Chunk part = plan.parts().get(i);
      String label = label(part, total);
      Outcome outcome = mapped.get(i);
      if (outcome.text() == null) {
        missing.add(new Missing(label, outcome.error().getMessage()));
        firstFailure = firstFailure == null ? outcome.error() : firstFailure;
      } else {
        notes.add(heading(label) + outcome.text().strip());
        spans.add(new int[] {i + 1, i + 1});
      }
    }
    if (notes.isEmpty()) {
      throw firstFailure != null
          ? firstFailure
          : new UsageException("the input is empty: there is nothing to read");
    }
    List<List<String>> steps = new ArrayList<>();
    steps.add(List.copyOf(notes));
    int calls = total;
    int rounds = 1;
    int limit = limitFor(plan);
    // A combining call answers with notes, not the result: its prompt has its own room.
    int combineLimit = plan.windowTokens() - plan.notesTokens() - SLACK;
    while (tokens(reduceMessages(join(notes), false)) > limit) {
      if (rounds > MAX_ROUNDS) {
        throw new UsageException(
            "the notes on the document's parts do not shrink to fit "
                + session.model()
                + "'s window; use a model with a longer context");
      }
      List<List<String>> groups = groups(notes, combineLimit);
      List<Supplier<ChatRequest>> combining = new ArrayList<>();
      for (List<String> group : groups) {
        ChatRequest request = notesRequest(reduceMessages(join(group), true), plan.notesTokens());
        combining.add(() -> request);
      }
      List<Outcome> combined = callAll("combining", combining, spent, started);
      calls += combining.size();
      rounds++;
      if (combined.stream().allMatch(o -> o.text() == null)) {
        throw combined.get(0).error();
      }
      List<String> next = new ArrayList<>();
      List<int[]> nextSpans = new ArrayList<>();
      int from = 0;
      for (int g = 0; g < groups.size(); g++) {
        Outcome outcome = combined.get(g);
        int size = groups.get(g).size();
        if (outcome.text() == null) {
          // Notes already taken are never thrown away: the group goes on as it was.
          next.addAll(groups.get(g));
          nextSpans.addAll(spans.subList(from, from + size));
        } else {
          int[] span = {spans.get(from)[0], spans.get(from + size - 1)[1]};
          next.add(heading(spanLabel(span, total)) + outcome.text().strip());
          nextSpans.add(span);
        }
        from += size;
      }
      if (next.size() >= notes.size() && tokens(join(next)) >= tokens(join(notes))) {
        throw new UsageException(
            "combining the notes on the document's parts did not make them shorter; use a model"
                + " with a longer context, or try again");
      }
      notes = next;
      spans = nextSpans;
      steps.add(List.copyOf(notes));
    }
    String finalNotes = join(notes);
    return new Read(
        lastRequest(finalNotes),
        rounds,
        calls,
        spent[0],
        missing,
        steps,
        Strategy.MAP_REDUCE,
        fingerprint(plan),
        finalNotes,
        null);
  }

  /**
   * Reads the parts of {@code plan} in order, one call each, carrying notes on the document so far
   * from one part to the next ({@code long_input: refine}, for narratives, whose parts depend on
   * what came before), and returns the request of the last step. A part whose call fails is left
   * out and named in {@link Read#missing()}; the notes go on from the part before it.
   *
   * @throws EndpointException when no part could be read, or the reading was stopped
   */
  public Read refine(Plan plan) {
    long started = System.nanoTime();
    Usage[] spent = {Usage.NONE};
    int total = plan.size();
    String running = "";
    List<String> steps = new ArrayList<>();
    List<Missing> missing = new ArrayList<>();
    EndpointException firstFailure = null;
    for (Chunk part : plan.parts()) {
      ChatRequest request = partRequest(part, total, running, plan);
      Outcome outcome = callAll("part", List.of(() -> request), spent, started).get(0);
      if (outcome.text() == null) {
        missing.add(new Missing(label(part, total), outcome.error().getMessage()));
        firstFailure = firstFailure == null ? outcome.error() : firstFailure;
      } else {
        running = outcome.text().strip();
        steps.add(heading(label(part, total)) + running);
      }
    }
    if (running.isEmpty()) {
      throw firstFailure != null
          ? firstFailure
          : new UsageException("the input is empty: there is nothing to read");
    }
    return new Read(
        lastRequest(running),
        total,
        total,
        spent[0],
        missing,
        List.of(steps),
        Strategy.REFINE,
        fingerprint(plan),
        running,
        null);
  }

  /**
   * A past run's {@code notes} payload as a run made again from its prompt records it: the same
   * notes, marked as that run's, with no calls or tokens of its own. Empty for a payload that is
   * not a JSON object.
   */
  public static Optional<String> carried(String payload, String runId) {
    try {
      JsonNode root = JsonText.MAPPER.readTree(payload);
      if (!(root instanceof ObjectNode object)) {
        return Optional.empty();
      }
      object.put("reused_from", origin(object, runId));
      object.put("calls", 0);
      object.putObject("usage").put("prompt_tokens", 0).put("completion_tokens", 0);
      return Optional.of(JsonText.write(object));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The run that took the notes of {@code payload}, recorded by {@code runId}. */
  private static String origin(JsonNode payload, String runId) {
    JsonNode from = payload.path("reused_from");
    return from.isTextual() ? from.asText() : runId;
  }

  /**
   * The last step's request: the result written from {@code notes}, as the user's template asks.
   */
  private ChatRequest lastRequest(String notes) {
    return Requests.of(reduceMessages(notes, false)).flags(sampling).template(template).build();
  }

  /**
   * What the notes on the document depend on, as a SHA-256: the model, the strategy, the window and
   * the room for parts, notes and the answer, the {@code _map} and {@code _reduce} templates, the
   * user's template as the goal, and the document. A past run's notes with the same fingerprint are
   * the notes this plan would take, so they can be used instead ({@link #reuse}).
   */
  public String fingerprint(Plan plan) {
    ObjectNode key = JsonText.MAPPER.createObjectNode();
    key.put("version", 1);
    key.put("model", plan.model());
    key.put("strategy", plan.strategy().label());
    key.put("window", plan.windowTokens());
    key.put("part", plan.partBudget());
    key.put("notes", plan.notesTokens());
    key.put("answer", plan.answerTokens());
    key.put("map", reserved(MAP).text());
    key.put("reduce", reserved(REDUCE).text());
    Rendered own = TemplateRenderer.render(template, values, INPUT_PLACEHOLDER);
    key.put("system", own.system());
    key.put("goal", own.user());
    key.put("input", Sha256.hex(input));
    return Sha256.hex(JsonText.write(key));
  }

  /**
   * The reading {@code stored} recorded, made this plan's: its notes, so that no part is read
   * again; empty when they do not fit this plan (another strategy, a payload without final notes,
   * or notes longer than the last step can take now).
   */
  public Optional<Read> reuse(Plan plan, StoredNotes stored) {
    JsonNode root;
    try {
      root = JsonText.MAPPER.readTree(stored.payload());
    } catch (IOException e) {
      return Optional.empty();
    }
    JsonNode finalNotes = root.path("final");
    if (!plan.strategy().label().equals(root.path("strategy").asText())
        || !finalNotes.isTextual()
        || finalNotes.asText().isBlank()
        || tokens(reduceMessages(finalNotes.asText(), false)) > limitFor(plan)) {
      return Optional.empty();
    }
    List<List<String>> steps = new ArrayList<>();
    for (JsonNode round : root.path("rounds")) {
      List<String> step = new ArrayList<>();
      round.forEach(note -> step.add(note.asText()));
      steps.add(step);
    }
    return Optional.of(
        new Read(
            lastRequest(finalNotes.asText()),
            steps.size(),
            0,
            Usage.NONE,
            List.of(),
            steps,
            plan.strategy(),
            fingerprint(plan),
            finalNotes.asText(),
            origin(root, stored.runId())));
  }

  /** Reads the document as {@code plan}'s strategy says: {@code map-reduce} or {@code refine}. */
  public Read read(Plan plan) {
    return plan.strategy() == Strategy.REFINE ? refine(plan) : mapReduce(plan);
  }

  /** The most a last-step prompt may have: the window less the answer's room. */
  private int limitFor(Plan plan) {
    int window = plan.assumed() ? DEFAULT_WINDOW : plan.window().tokens();
    return window - plan.answerTokens() - SLACK;
  }

  /** Notes in groups that each fit {@code limit} once wrapped in the combining prompt. */
  private List<List<String>> groups(List<String> notes, int limit) {
    List<List<String>> groups = new ArrayList<>();
    List<String> group = new ArrayList<>();
    for (String note : notes) {
      group.add(note);
      if (group.size() > 1 && tokens(reduceMessages(join(group), true)) > limit) {
        group.remove(group.size() - 1);
        groups.add(group);
        group = new ArrayList<>(List.of(note));
      }
    }
    groups.add(group);
    return groups;
  }

  /** One call's outcome: its text, or the error that ended it. */
  private record Outcome(String text, EndpointException error) {}

  /**
   * Sends {@code requests}, at most the endpoint's concurrency at a time, and returns their
   * outcomes in order; Ctrl-C stops them all.
   */
  private List<Outcome> callAll(
      String stage, List<Supplier<ChatRequest>> requests, Usage[] spent, long started) {
    int threads = Math.max(1, Math.min(session.settings().concurrency(), requests.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    String model = session.model();
    int[] done = {0};
    List<Future<Outcome>> futures = new ArrayList<>();
    try (Interrupts.Scope scope = context.interrupts().cancelling(session.client())) {
      try {
        return await(submit(pool, stage, requests, model, done, spent, started, futures), scope);
      } finally {
        // Inside the scope: no queued call may start once the client takes requests again.
        futures.forEach(f -> f.cancel(true));
        pool.shutdownNow();
        awaitQuietly(pool);
      }
    }
  }

  private List<Future<Outcome>> submit(
      ExecutorService pool,
      String stage,
      List<Supplier<ChatRequest>> requests,
      String model,
      int[] done,
      Usage[] spent,
      long started,
      List<Future<Outcome>> futures) {
    for (Supplier<ChatRequest> request : requests) {
      futures.add(
          pool.submit(
              () -> {
                Counted counted = call(request.get().withModel(model));
                synchronized (spent) {
                  done[0]++;
                  spent[0] = spent[0].plus(counted.usage());
                  progress.accept(
                      new Progress(
                          stage,
                          done[0],
                          requests.size(),
                          spent[0],
                          Duration.ofNanos(System.nanoTime() - started)));
                }
                return counted.outcome();
              }));
    }
    return futures;
  }

  /** The outcomes in order; a Ctrl-C while they ran stops the reading. */
  private static List<Outcome> await(List<Future<Outcome>> futures, Interrupts.Scope scope) {
    try {
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get());
      }
      if (scope.fired()) {
        throw new EndpointException(
            EndpointException.Kind.INTERRUPTED, 0, "stopped while reading the document");
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EndpointException(EndpointException.Kind.INTERRUPTED, 0, "interrupted");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Counted(Outcome outcome, Usage usage) {}

  /** One call; a failure after the client's retries is an outcome, not an exception. */
  private Counted call(ChatRequest request) {
    try {
      ChatResult result = session.client().complete(request, StreamListener.NONE);
      Choice choice = result.choices().isEmpty() ? null : result.choices().get(0);
      Usage usage = result.usage() == null ? Usage.NONE : result.usage();
      if (choice == null || choice.text().isBlank() || !choice.outcome().delivered()) {
        String why =
            choice == null || choice.error() == null
                ? "the model returned no text"
                : choice.error();
        return new Counted(
            new Outcome(null, new EndpointException(EndpointException.Kind.BAD_RESPONSE, 0, why)),
            usage);
      }
      return new Counted(new Outcome(choice.text(), null), usage);
    } catch (EndpointException e) {
      if (e.kind() == EndpointException.Kind.INTERRUPTED) {
        throw e;
      }
      return new Counted(new Outcome(null, e), Usage.NONE);
    }
  }

  /** The request for notes on {@code part}, with the notes on the parts before it, if any. */
  private ChatRequest partRequest(Chunk part, int total, String earlier, Plan plan) {
    return notesRequest(
        mapMessages(
            part.text(), part.index() + 1, total, part.headings(), earlier, plan.notesTokens()),
        plan.notesTokens());
  }

  /** A request for notes: {@code _map}'s or {@code _reduce}'s sampling, a notes-sized answer. */
  private ChatRequest notesRequest(List<ChatMessage> messages, int notesTokens) {
    return Requests.of(messages)
        .flags(new Sampling(null, notesTokens, null, sampling.stream()))
        .fallbackTemperature(0.3)
        .build();
  }

  /** The most words notes of {@code notesTokens} tokens should have, so they are not cut. */
  static int words(int notesTokens) {
    return (int) (notesTokens * WORDS_PER_TOKEN);
  }

  /** {@code part 3 of 9 (Costs > Budget)}. */
  static String label(Chunk part, int total) {
    String where = String.join(" > ", part.headings());
    return "part "
        + (part.index() + 1)
        + " of "
        + total
        + (where.isEmpty() ? "" : " (" + where + ")");
  }

  /** {@code parts 4–9 of 12}: what a combined note covers. */
  static String spanLabel(int[] span, int total) {
    return span[0] == span[1]
        ? "part " + span[0] + " of " + total
        : "parts " + span[0] + "–" + span[1] + " of " + total;
  }

  private static String heading(String label) {
    return "[" + label + "]\n";
  }

  private static String join(List<String> notes) {
    return String.join("\n\n", notes);
  }

  /** The user's template rendered with the input left out: what the result must be. */
  private String goal() {
    Rendered rendered = TemplateRenderer.render(template, values, INPUT_PLACEHOLDER);
    return rendered.user().strip();
  }

  private List<ChatMessage> mapMessages(
      String text, int part, int parts, List<String> headings, String earlier, int notesTokens) {
    Template map = reserved(MAP);
    Map<String, String> given = new LinkedHashMap<>();
    given.put("goal", goal());
    given.put("part", part + " of " + parts);
    given.put("headings", String.join(" > ", headings));
    given.put("text", text);
    given.put("earlier", earlier);
    given.put("words", String.valueOf(words(notesTokens)));
    return messages(map, given, null);
  }

  /**
   * The last step's messages ({@code combine} false): the user's system message, if any, before
   * {@code _reduce}'s, so the result keeps the template's voice and rules; or a combining round's.
   */
  private List<ChatMessage> reduceMessages(String notes, boolean combine) {
    Template reduce = reserved(REDUCE);
    Map<String, String> given = new LinkedHashMap<>();
    given.put("goal", goal());
    given.put("notes", notes);
    given.put("combine", combine ? "are still too long to use together" : "");
    List<ChatMessage> messages = messages(reduce, given, null);
    if (combine) {
      return messages;
    }
    Rendered own = TemplateRenderer.render(template, values, INPUT_PLACEHOLDER);
    if (own.system() == null || own.system().isBlank()) {
      return messages;
    }
    List<ChatMessage> withOwn = new ArrayList<>();
    String reduceSystem = messages.get(0).role().equals("system") ? messages.get(0).content() : "";
    withOwn.add(ChatMessage.system((own.system().strip() + "\n\n" + reduceSystem).strip()));
    withOwn.add(messages.get(messages.size() - 1));
    return withOwn;
  }

  private static List<ChatMessage> messages(
      Template template, Map<String, String> given, String input) {
    Map<String, String> values = new LinkedHashMap<>(given);
    // An override may drop a variable it does not need; only what it declares is passed.
    values.keySet().retainAll(template.variables().keySet());
    return Prompts.messages(
        TemplateRenderer.render(template, TemplateValues.resolve(template, values), input));
  }

  private Template reserved(String name) {
    return loaded.computeIfAbsent(name, n -> Prompts.reserved(context, n));
  }

  private int tokens(List<ChatMessage> messages) {
    int sum = 0;
    for (ChatMessage message : messages) {
      sum += counter.count(message.content()) + 8;
    }
    return sum + 8;
  }

  private int tokens(String text) {
    return counter.count(text);
  }
}

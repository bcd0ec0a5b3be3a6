package dev.draft.history;

import dev.draft.client.ChatMessage;
import dev.draft.client.RedactedUrl;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a run records when it starts, before the first request: the columns of {@code runs}
 * but the totals. Build one with {@link #builder(String)}.
 *
 * <p>There is deliberately no field for an API key or a header. The base URL is {@linkplain
 * RedactedUrl redacted} here: user info ({@code https://user:key@host}), query values and fragment
 * become {@code ***}, so no credential written into a URL reaches the file, yet the record shows
 * that there was one.
 *
 * @param id the run id ({@link dev.draft.draft.RunId})
 * @param template the template name, or null for a raw prompt
 * @param templateHash SHA-256 of the exact template file text, or null
 * @param templateText the template file text, so the run can be redone after it changed
 * @param input the input text, or null when there was none or only its hash and length are kept;
 *     one over {@link #INLINE_INPUT_LIMIT} characters is stored apart, once ({@link
 *     #inputStoredApart()})
 * @param inputRef where the input came from: a file path or {@code stdin}, or null
 * @param inputHash SHA-256 of the input text, or null when there was none
 * @param inputChars the input's length in code points, or null when there was none
 * @param messages the rendered messages actually sent
 * @param method how candidates are obtained ({@code native}, {@code fan-out}, {@code mixed}, {@code
 *     single}), or null until known
 * @param parentRun the run this one refines or merges, or null
 * @param parentDraft the draft of the parent run it refines, or null
 * @param kind {@code generate}, {@code redo}, {@code refine} or {@code merge}
 * @param pid the process that writes the run, to tell a crash from a run in progress
 * @param host the host of that process
 */
public record NewRun(
    String id,
    Instant createdAt,
    String template,
    String templateHash,
    String templateText,
    Map<String, String> variables,
    String input,
    String inputRef,
    String inputHash,
    Long inputChars,
    List<ChatMessage> messages,
    String profile,
    String baseUrl,
    String model,
    RunParams params,
    String method,
    String parentRun,
    Integer parentDraft,
    String kind,
    Long pid,
    String host) {

  /**
   * Inputs longer than this many characters are stored apart from the run row, once however many
   * runs use them, and the messages refer to them instead of holding a copy; they are not indexed
   * for search.
   */
  public static final int INLINE_INPUT_LIMIT = 1_000_000;

  static final Set<String> KINDS = Set.of("generate", "redo", "refine", "merge", "batch");
  static final Set<String> METHODS = Set.of("native", "fan-out", "mixed", "single", "batch");

  public NewRun {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a run needs an id");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(params, "params");
    messages = List.copyOf(messages);
    // Insertion order is kept so the stored JSON reads in the order the user gave the values.
    variables =
        variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    baseUrl = baseUrl == null ? null : RedactedUrl.of(baseUrl.strip());
    kind = kind == null ? "generate" : kind;
    requireOneOf("kind", kind, KINDS);
    if (method != null) {
      requireOneOf("method", method, METHODS);
    }
  }

  /**
   * Whether the input is too long to keep in the run row: it goes to the {@code inputs} table, and
   * the messages refer to it.
   */
  public boolean inputStoredApart() {
    return input != null && input.length() > INLINE_INPUT_LIMIT;
  }

  /** The number of drafts the run asks for, one row each in {@code drafts}. */
  public int n() {
    return params.n();
  }

  /**
   * A builder defaulting the time to now, the kind to {@code generate}, and the pid and host to
   * this process's.
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  static void requireOneOf(String what, String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(
          what
              + " must be one of "
              + String.join(", ", allowed.stream().sorted().toList())
              + ", was '"
              + value
              + "'");
    }
  }

  /** Builds a {@link NewRun}; only the id, the messages and the parameters are required. */
  public static final class Builder {
    private final String id;
    private Instant createdAt = Instant.now();
    private String template;
    private String templateHash;
    private String templateText;
    private Map<String, String> variables = Map.of();
    private String input;
    private String inputRef;
    private String inputHash;
    private Long inputChars;
    private List<ChatMessage> messages = List.of();
    private String profile;
    private String baseUrl;
    private String model;
    private RunParams params;
    private String method;
    private String parentRun;
    private Integer parentDraft;
    private String kind = "generate";
    private Long pid = ProcessHandle.current().pid();
    private String host = ThisHost.name();

    private Builder(String id) {
      this.id = id;
    }

    public Builder createdAt(Instant value) {
      createdAt = value;
      return this;
    }

    /** The template's name and exact file text; the hash is computed from the text. */
    public Builder template(String name, String fileText) {
      template = name;
      templateText = fileText;
      templateHash = fileText == null ? null : Sha256.hex(fileText);
      return this;
    }

    public Builder variables(Map<String, String> value) {
      variables = value;
      return this;
    }

    /**
     * The input and where it came from. Up to {@link #INLINE_INPUT_LIMIT} characters it is stored
     * in the run row; a longer one once, apart ({@link #inputStoredApart()}).
     *
     * @param ref a file path or {@code stdin}
     * @param text the input text, or null for none
     */
    public Builder input(String ref, String text) {
      return setInput(ref, text, text);
    }

    /** The input stored by reference: its hash and length are kept, its text is not. */
    public Builder inputByReference(String ref, String text) {
      return setInput(ref, text, null);
    }

    private Builder setInput(String ref, String text, String stored) {
      inputRef = ref;
      input = stored;
      inputHash = text == null ? null : Sha256.hex(text);
      inputChars = text == null ? null : (long) text.codePointCount(0, text.length());
      return this;
    }

    public Builder messages(List<ChatMessage> value) {
      messages = value;
      return this;
    }

    public Builder profile(String value) {
      profile = value;
      return this;
    }

    /** The endpoint's base URL; any credentials in it are dropped (see {@link NewRun}). */
    public Builder baseUrl(String value) {
      baseUrl = value;
      return this;
    }

    public Builder model(String value) {
      model = value;
      return this;
    }

    public Builder params(RunParams value) {
      params = value;
      return this;
    }

    public Builder method(String value) {
      method = value;
      return this;
    }

    /** The run and draft this run refines or merges; the draft may be null. */
    public Builder parent(String run, Integer draft) {
      parentRun = run;
      parentDraft = draft;
      return this;
    }

    public Builder kind(String value) {
      kind = value;
      return this;
    }

    /** The writing process, when it is not this one (tests, or a run recorded on its behalf). */
    public Builder process(Long processId, String hostName) {
      pid = processId;
      host = hostName;
      return this;
    }

    public NewRun build() {
      return new NewRun(
          id,
          createdAt,
          template,
          templateHash,
          templateText,
          variables,
          input,
          inputRef,
          inputHash,
          inputChars,
          messages,
          profile,
          baseUrl,
          model,
          params,
          method,
          parentRun,
          parentDraft,
          kind,
          pid,
          host);
    }
  }
}

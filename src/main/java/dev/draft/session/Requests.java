package dev.draft.session;

import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.history.RunParams;
import dev.draft.template.Template;
import java.util.List;

/**
 * The one way a request is built from its messages: each sampling value from the flags, else the
 * template, else the parent run, else the fallback, else left to the server. The request has one
 * candidate and no model yet: the generation sets both.
 */
public final class Requests {
  private final List<ChatMessage> messages;
  private Sampling flags = Sampling.NONE;
  private Double templateTemperature;
  private Integer templateMaxTokens;
  private RunParams parent;
  private Double fallbackTemperature;
  private Boolean stream;

  private Requests(List<ChatMessage> messages) {
    this.messages = List.copyOf(messages);
  }

  /** A request of {@code messages}. */
  public static Requests of(List<ChatMessage> messages) {
    return new Requests(messages);
  }

  /** What the flags ask for; it beats everything else, and it alone gives the seed. */
  public Requests flags(Sampling value) {
    this.flags = value;
    return this;
  }

  /** The template's temperature and token limit, which beat the parent run's. */
  public Requests template(Template template) {
    return template(template.temperature(), template.maxTokens());
  }

  /** A template's temperature and token limit (either null), which beat the parent run's. */
  public Requests template(Double temperature, Integer maxTokens) {
    this.templateTemperature = temperature;
    this.templateMaxTokens = maxTokens;
    return this;
  }

  /** The run this one revises: its temperature and token limit when nothing else sets them. */
  public Requests parent(RunParams value) {
    this.parent = value;
    return this;
  }

  /** The temperature when neither flags, template nor parent set one (the judge's 0). */
  public Requests fallbackTemperature(double value) {
    this.fallbackTemperature = value;
    return this;
  }

  /** Asks for one JSON answer instead of a stream, whatever the flags say. */
  public Requests unstreamed() {
    this.stream = false;
    return this;
  }

  public ChatRequest build() {
    Double temperature =
        first(
            flags.temperature(),
            templateTemperature,
            parent == null ? null : parent.temperature(),
            fallbackTemperature);
    Integer maxTokens =
        first(flags.maxTokens(), templateMaxTokens, parent == null ? null : parent.maxTokens());
    return new ChatRequest(
        null,
        messages,
        1,
        temperature,
        maxTokens,
        flags.seed(),
        stream == null ? flags.stream() : stream);
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}

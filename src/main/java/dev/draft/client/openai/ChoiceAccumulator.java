package dev.draft.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.Choice;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.Usage;
import dev.draft.client.openai.StreamChunk.ChoiceDelta;
import dev.draft.client.openai.StreamChunk.Delta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds candidates from streamed chunks, keyed by {@code choices[].index} and never by position:
 * servers interleave indices, put several choices in one chunk, send {@code choices: []} chunks for
 * usage or filter annotations, and put usage in the finish chunk, in a final chunk, or on every
 * chunk. Not thread-safe: one accumulator serves one response.
 */
final class ChoiceAccumulator {
  private final StreamListener listener;
  private final Map<Integer, Builder> choices = new TreeMap<>();

  /** The last usage attached to a chunk that carries choices: running totals. */
  private Usage attachedUsage = Usage.NONE;

  /** The usage of chunks with no choices; see {@link #readUsage}. */
  private Usage detachedUsage = Usage.NONE;

  private int detachedChunks;
  private boolean detachedRunning;
  private int finished;

  /** Choices that finished and whose own usage chunk has not come yet, oldest first. */
  private final ArrayDeque<Builder> awaitingUsage = new ArrayDeque<>();

  private String streamError;
  private boolean sawContent;

  ChoiceAccumulator(StreamListener listener) {
    this.listener = listener;
  }

  private static final class Builder {
    final StringBuilder text = new StringBuilder();
    StringBuilder reasoning;
    String finishReason;
    String error;

    /** This choice's own counts, when the server reports usage per choice. */
    Usage usage = Usage.NONE;
  }

  /** Takes one chunk of a stream parsed as a tree. */
  void acceptChunk(JsonNode chunk) {
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      acceptError(ServerError.oneLine(ServerError.fromObject(chunk).message()));
      return;
    }
    accept(StreamChunk.fromTree(chunk));
  }

  /** Takes one chunk of a stream that is not an error. */
  void accept(StreamChunk chunk) {
    if (chunk.choices().isEmpty()) {
      readUsage(chunk.usage(), true);
      return;
    }
    for (ChoiceDelta choice : chunk.choices()) {
      int index = choice.index();
      Builder builder = choices.computeIfAbsent(index, i -> new Builder());
      append(index, builder, choice.delta());
      String finish = choice.finishReason();
      if (finish != null && !finish.isEmpty()) {
        boolean first = builder.finishReason == null;
        builder.finishReason = finish;
        if (first) {
          finished++;
          awaitingUsage.add(builder);
          listener.onFinishReason(index, finish);
        }
      }
      readUsage(choice.usage(), false);
    }
    readUsage(chunk.usage(), false);
  }

  /** Takes a whole non-streamed response body. */
  void acceptResponse(JsonNode response) {
    acceptChunk(response);
  }

  /** An error event in the stream fails every candidate that has not finished yet. */
  void acceptError(String message) {
    streamError = message;
  }

  private void append(int index, Builder builder, Delta delta) {
    if (delta == null) {
      return;
    }
    String content = delta.content();
    if (content != null && !content.isEmpty()) {
      builder.text.append(content);
      sawContent = true;
      listener.onText(index, content);
    }
    String reasoning = delta.reasoningContent();
    if (reasoning == null) {
      reasoning = delta.reasoning();
    }
    if (reasoning != null && !reasoning.isEmpty()) {
      if (builder.reasoning == null) {
        builder.reasoning = new StringBuilder();
      }
      builder.reasoning.append(reasoning);
      sawContent = true;
      listener.onReasoning(index, reasoning);
    }
  }

  /**
   * Takes a usage object. Servers report usage in three shapes, told apart by where it comes:
   *
   * <ul>
   *   <li>Attached to chunks that carry choices (on every chunk, or in the finish chunk): running
   *       totals, so the last one wins.
   *   <li>In a chunk of its own ({@code "choices": []}) once every choice has finished: OpenAI's
   *       single final usage (vLLM sends one too after its running totals). It covers the whole
   *       response and wins over attached usage.
   *   <li>In chunks of their own, one after each choice finishes: llama.cpp with native {@code n}
   *       sends each choice's own counts, possibly before another choice's last chunk. These are
   *       summed: completion tokens add up; the prompt was sent once, so its count is the largest
   *       one reported, not a sum.
   * </ul>
   *
   * <p>So a usage chunk without choices is added to the ones before it when another choice has
   * finished since the last such chunk (one per finished choice); one that arrives without a newly
   * finished choice (before any finish, or a second one for the same finish) must be a running
   * total, and from then on the last one wins.
   */
  private void readUsage(Usage reported, boolean detached) {
    long prompt = reported.promptTokens();
    long completion = reported.completionTokens();
    if (prompt <= 0 && completion <= 0) {
      return;
    }
    if (!detached) {
      attachedUsage = reported;
    } else if (!detachedRunning && finished > detachedChunks) {
      detachedUsage =
          new Usage(
              Math.max(detachedUsage.promptTokens(), prompt),
              detachedUsage.completionTokens() + completion);
      detachedChunks++;
      Builder owner = awaitingUsage.poll();
      if (owner != null) {
        owner.usage = reported;
      }
    } else {
      detachedRunning = true;
      detachedUsage = reported;
    }
  }

  /**
   * A choice's own usage, when every finished choice got exactly one usage chunk of its own
   * (llama.cpp); a single total for several choices (OpenAI) or running totals belong to none.
   */
  private Usage ownUsage(Builder choice) {
    boolean perChoice = !detachedRunning && detachedChunks == finished && finished > 1;
    return perChoice ? choice.usage : Usage.NONE;
  }

  /**
   * Whether neither text, reasoning nor an error has arrived: nothing the user has seen, so the
   * request may still be retried.
   */
  boolean nothingShown() {
    return !sawContent && streamError == null;
  }

  boolean isEmpty() {
    return choices.isEmpty() && streamError == null;
  }

  Usage usage() {
    return detachedUsage.isEmpty() ? attachedUsage : detachedUsage;
  }

  /**
   * The candidates so far. {@code endedEarly} describes why the stream stopped when it stopped
   * before a finish reason (null for a clean end): those candidates are interrupted, never
   * complete. With a stream error and no candidates, every one of the {@code requested} fails with
   * it.
   */
  List<Choice> choices(int requested, String endedEarly) {
    if (choices.isEmpty() && streamError != null) {
      for (int i = 0; i < requested; i++) {
        choices.put(i, new Builder());
      }
    }
    List<Choice> out = new ArrayList<>();
    for (Map.Entry<Integer, Builder> entry : choices.entrySet()) {
      Builder b = entry.getValue();
      String reasoning = b.reasoning == null ? null : b.reasoning.toString();
      Outcome outcome;
      String error = null;
      if (b.finishReason != null && streamError == null) {
        outcome = Outcome.fromFinishReason(b.finishReason);
        if (outcome == Outcome.FAILED) {
          error = "the server ended this draft with finish reason '" + b.finishReason + "'";
        }
      } else if (streamError != null && b.finishReason == null) {
        outcome = Outcome.FAILED;
        error = streamError;
      } else if (b.finishReason != null) {
        outcome = Outcome.fromFinishReason(b.finishReason);
      } else {
        outcome = Outcome.INTERRUPTED;
        error = endedEarly != null ? endedEarly : "the stream ended before the model finished";
      }
      out.add(
          new Choice(
              entry.getKey(),
              b.text.toString(),
              reasoning,
              b.finishReason,
              outcome,
              error,
              choices.size() == 1 ? usage() : ownUsage(b)));
    }
    return out;
  }
}

package dev.draft.draft;

import dev.draft.client.ChatClient;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.StreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How N candidates are made to differ ({@code --vary}): by the model's own sampling (one request,
 * nothing to build here), by a spread of temperatures, or by a distinct approach for each, which
 * the model proposes first.
 */
public final class Variations {
  /** The range temperatures are spread over when the user set none. */
  static final double LOW = 0.7;

  static final double HIGH = 1.1;

  /** For the list of approaches when the {@code _angles} template sets no temperature. */
  static final double ANGLES_TEMPERATURE = 0.9;

  private static final Pattern NUMBERED = Pattern.compile("^\\s*(\\d+)[.)]\\s+(.+?)\\s*$");

  private Variations() {}

  /**
   * One request per candidate, temperatures evenly spread: over 0.7–1.1 when none was set,
   * otherwise over ±0.2 around it (kept within 0–2). Seeds, when set, differ per candidate.
   */
  public static List<ChatRequest> temperatures(ChatRequest base, int n) {
    double low = base.temperature() == null ? LOW : Math.max(0, base.temperature() - 0.2);
    double high = base.temperature() == null ? HIGH : Math.min(2, base.temperature() + 0.2);
    List<ChatRequest> requests = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double t = n == 1 ? (low + high) / 2 : low + (high - low) * k / (n - 1);
      requests.add(seeded(base.withTemperature(Math.round(t * 100) / 100.0), k));
    }
    return requests;
  }

  /**
   * Asks the model for {@code n} distinct approaches with {@code anglesPrompt} (the rendered {@code
   * _angles} template), then one request per candidate: the base prompt plus its approach.
   *
   * @param anglesTemperature the {@code _angles} template's temperature, or null for {@value
   *     #ANGLES_TEMPERATURE}
   * @throws EndpointException when the model's list does not hold {@code n} numbered approaches
   */
  public static List<ChatRequest> angles(
      ChatClient client,
      ChatRequest base,
      int n,
      String anglesSystem,
      String anglesPrompt,
      Double anglesTemperature) {
    List<ChatMessage> messages = new ArrayList<>();
    if (anglesSystem != null && !anglesSystem.isBlank()) {
      messages.add(ChatMessage.system(anglesSystem));
    }
    messages.add(ChatMessage.user(anglesPrompt));
    double temperature = anglesTemperature == null ? ANGLES_TEMPERATURE : anglesTemperature;
    ChatRequest ask = new ChatRequest(base.model(), messages, 1, temperature, null, null, false);
    ChatResult result = client.complete(ask, StreamListener.NONE);
    String text = result.choices().isEmpty() ? "" : result.choices().get(0).text();
    List<String> found = parse(text);
    if (found.size() < n) {
      throw new EndpointException(
          EndpointException.Kind.BAD_RESPONSE,
          0,
          "asked for "
              + n
              + " approaches, the model gave "
              + found.size()
              + " numbered lines: try again, or use --vary samples or --vary temperature (it"
              + " answered: \""
              + preview(text)
              + "\")");
    }
    List<ChatRequest> requests = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      List<ChatMessage> withAngle = new ArrayList<>(base.messages());
      ChatMessage last = withAngle.remove(withAngle.size() - 1);
      withAngle.add(
          new ChatMessage(
              last.role(),
              last.content() + "\n\nTake this approach, and make it your own: " + found.get(k)));
      requests.add(
          seeded(
              new ChatRequest(
                  base.model(),
                  withAngle,
                  1,
                  base.temperature(),
                  base.maxTokens(),
                  base.seed(),
                  base.stream()),
              k));
    }
    return requests;
  }

  /** The numbered lines ({@code 1. ...} or {@code 1) ...}) of a list, in order. */
  static List<String> parse(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\\R")) {
      Matcher m = NUMBERED.matcher(line);
      if (m.matches()) {
        lines.add(m.group(2));
      }
    }
    return lines;
  }

  private static ChatRequest seeded(ChatRequest request, int k) {
    return request.seed() == null ? request : request.withSeed(request.seed() + k);
  }

  private static String preview(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > 200 ? line.substring(0, 199) + "…" : line;
  }
}

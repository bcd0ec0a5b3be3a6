package dev.draft.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error body says, whatever its shape: {@code {"error": {...}}} with a string, numeric or
 * null {@code code}; {@code error} as a plain string; a flat {@code {"object": "error", "message":
 * ...}}; {@code message} as an object or array; FastAPI's {@code {"detail": ...}}; plain text; or a
 * proxy's HTML page.
 *
 * @param message the server's words on one line, never empty, and not yet shortened: a key the
 *     server echoed must be redacted whole before the line is cut ({@link ErrorMessages#redact})
 * @param code the error code or type, lower case, or null
 * @param param the request parameter the server blames, or null
 * @param html whether the body was an HTML page (a proxy or a wrong URL, not the API)
 */
record ServerError(String message, String code, String param, boolean html) {
  private static final int MAX_MESSAGE = 300;
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern TAGS = Pattern.compile("<[^>]+>");
  private static final Pattern N_PARAM =
      Pattern.compile("(?:^|[\\s'\"`(\\[,])n(?:$|[\\s'\"`)\\]:=,.])");

  /** The limits servers name when they refuse an {@code n}, first match wins. */
  private static final List<Pattern> N_LIMITS =
      List.of(
          // llama.cpp: "Value must be between 1 <= value <= 4, but got 5"; OpenAI: "Expected a
          // value <= 128, but got 200 instead."
          Pattern.compile("(?:<=|≤|=<)\\s*(\\d[\\d,]*)"),
          // OpenAI, vLLM (pydantic): "must be less than or equal to 128"
          Pattern.compile("less than or equal to\\s+(\\d[\\d,]*)", Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "(?:at most|no more than|not exceed|maximum(?: value)?(?: is| of)?|up to|max(?:imum)?"
                  + " allowed(?: value)?(?: is)?)\\s*:?\\s*(\\d[\\d,]*)",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile("between\\s+\\d+\\s+and\\s+(\\d[\\d,]*)", Pattern.CASE_INSENSITIVE));

  /** "must be less than 5": strictly, so the limit is one less. */
  private static final Pattern N_BELOW =
      Pattern.compile("(?:less than|below|<)\\s*(\\d[\\d,]*)", Pattern.CASE_INSENSITIVE);

  /** The context windows servers name when they refuse a prompt, first match wins. */
  private static final List<Pattern> WINDOWS =
      List.of(
          // llama.cpp: "request (3028 tokens) exceeds the available context size (2048 tokens)"
          Pattern.compile(
              "context size\\s*\\((\\d[\\d,]*)\\s*tokens?\\)", Pattern.CASE_INSENSITIVE),
          // OpenAI, vLLM, Groq, DeepSeek: "This model's maximum context length is 4096 tokens."
          Pattern.compile(
              "maximum context length is\\s*(\\d[\\d,]*)\\s*tokens?", Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "context (?:window|length|size)(?: of| is)?\\s*:?\\s*(\\d[\\d,]*)\\s*tokens?",
              Pattern.CASE_INSENSITIVE),
          // "prompt is too long: 210000 tokens > 200000 maximum"
          Pattern.compile("tokens?\\s*>\\s*(\\d[\\d,]*)\\s*maximum", Pattern.CASE_INSENSITIVE),
          // "Input tokens exceed the configured limit of 272000 tokens."
          Pattern.compile("limit of\\s*(\\d[\\d,]*)\\s*tokens?", Pattern.CASE_INSENSITIVE));

  /** How many tokens the prompt was, where the refusal says. */
  private static final List<Pattern> PROMPT_TOKENS =
      List.of(
          Pattern.compile("request\\s*\\((\\d[\\d,]*)\\s*tokens?\\)", Pattern.CASE_INSENSITIVE),
          Pattern.compile("\\((\\d[\\d,]*) in the messages", Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "messages resulted in\\s*(\\d[\\d,]*)\\s*tokens", Pattern.CASE_INSENSITIVE),
          Pattern.compile("request has\\s*(\\d[\\d,]*)\\s*input tokens", Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "prompt is too long:\\s*(\\d[\\d,]*)\\s*tokens", Pattern.CASE_INSENSITIVE));

  /** The message of a response with no body. */
  static final String EMPTY_BODY = "(empty response body)";

  static ServerError parse(String body) {
    String trimmed = body == null ? "" : body.strip();
    if (trimmed.isEmpty()) {
      return new ServerError(EMPTY_BODY, null, null, false);
    }
    if (looksLikeHtml(trimmed)) {
      Matcher title = TITLE.matcher(trimmed);
      String text = title.find() ? title.group(1) : TAGS.matcher(trimmed).replaceAll(" ");
      return new ServerError(collapse(text.isBlank() ? "an HTML page" : text), null, null, true);
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(trimmed);
    } catch (Exception notJson) {
      return new ServerError(collapse(trimmed), null, null, false);
    }
    if (root == null || !root.isObject()) {
      return new ServerError(collapse(trimmed), null, null, false);
    }
    return fromObject(root);
  }

  /** Reads an error object, such as the one a stream sends inside a {@code data:} event. */
  static ServerError fromObject(JsonNode root) {
    JsonNode error = root.has("error") && !root.get("error").isNull() ? root.get("error") : root;
    if (error.isTextual()) {
      // NestJS gateways send {"message": [...], "error": "Bad Request"}: there the words are in
      // "message" and "error" is only the status text.
      String words = flatten(root.get("message"));
      String text = words.isEmpty() ? error.asText() : error.asText() + ": " + words;
      return new ServerError(collapse(text), code(root), Json.text(root, "param"), false);
    }
    String message = flatten(error.get("message"));
    if (message.isEmpty()) {
      message = flatten(error.get("detail"));
    }
    if (message.isEmpty()) {
      message = flatten(error.get("msg"));
    }
    if (message.isEmpty()) {
      message = error.toString();
    }
    String param = Json.text(error, "param");
    if (param == null) {
      param = paramFromDetail(error.get("detail"));
    }
    return new ServerError(collapse(message), code(error), param, false);
  }

  private static String code(JsonNode error) {
    String code = Json.text(error, "code");
    if (code == null || code.isBlank()) {
      code = Json.text(error, "type");
    }
    return code == null || code.isBlank() ? null : code.toLowerCase(Locale.ROOT);
  }

  /** Text from a string, an object (its message-like fields) or an array of either. */
  private static String flatten(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    List<String> parts = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(item -> parts.add(flatten(item)));
    } else {
      for (String field : List.of("message", "msg", "detail", "error")) {
        if (node.has(field)) {
          String text = flatten(node.get(field));
          JsonNode loc = node.get("loc");
          if (loc != null && loc.isArray() && !loc.isEmpty()) {
            text = lastOf(loc) + ": " + text;
          }
          parts.add(text);
          break;
        }
      }
      if (parts.isEmpty()) {
        parts.add(node.toString());
      }
    }
    return String.join("; ", parts.stream().filter(p -> !p.isBlank()).toList());
  }

  /** FastAPI/pydantic 422 bodies name the field in {@code detail[].loc}, e.g. ["body", "n"]. */
  private static String paramFromDetail(JsonNode detail) {
    if (detail == null || !detail.isArray()) {
      return null;
    }
    for (JsonNode item : detail) {
      JsonNode loc = item.get("loc");
      if (loc != null && loc.isArray() && !loc.isEmpty()) {
        return lastOf(loc);
      }
    }
    return null;
  }

  private static String lastOf(JsonNode array) {
    return array.get(array.size() - 1).asText();
  }

  private static boolean looksLikeHtml(String body) {
    String head = body.substring(0, Math.min(body.length(), 200)).toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html")
        || head.startsWith("<html")
        || head.contains("<body")
        || head.contains("<head")
        || head.contains("<title");
  }

  /** {@code text} on one short line, for the user. */
  static String oneLine(String text) {
    return shorten(collapse(text));
  }

  /** {@code text} on one line, whatever its length. */
  static String collapse(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** Cuts a line that is too long for a message. */
  static String shorten(String line) {
    return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE - 1) + "…" : line;
  }

  /**
   * The start of the message, where the classifying methods look: a long body (a stack trace) is
   * likelier to mention a stray "n" or "model" than to be about it.
   */
  private String head() {
    return shorten(message);
  }

  /** Whether the server says it does not accept the {@code n} parameter. */
  boolean blamesN() {
    return "n".equals(param) || N_PARAM.matcher(head()).find();
  }

  /**
   * The largest {@code n} the server says it accepts, or null when it names none. Only for a
   * message that blames {@code n}; "but got 5" is the rejected value, not the limit.
   */
  Integer nLimit() {
    String text = message.replaceAll("(?i)(?:but )?(?:got|received|was)\\s*:?\\s*\\d[\\d,]*", " ");
    for (Pattern pattern : N_LIMITS) {
      Integer value = first(pattern, text);
      if (value != null) {
        return value;
      }
    }
    Integer below = first(N_BELOW, text);
    return below == null || below < 2 ? null : below - 1;
  }

  /** The context window in tokens the server names in a refusal of a long prompt, or null. */
  Integer contextWindow() {
    for (Pattern pattern : WINDOWS) {
      Integer value = first(pattern, message);
      if (value != null && value > 0) {
        return value;
      }
    }
    return null;
  }

  /** The prompt's size in tokens as the server counted it in a refusal, or null. */
  Integer promptTokens() {
    for (Pattern pattern : PROMPT_TOKENS) {
      Integer value = first(pattern, message);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static Integer first(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return null;
    }
    try {
      long value = Long.parseLong(matcher.group(1).replace(",", ""));
      return value > Integer.MAX_VALUE ? null : (int) value;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether the server says it does not accept {@code stream_options}. */
  boolean blamesStreamOptions() {
    return "stream_options".equals(param)
        || (param != null && param.startsWith("stream_options"))
        || head().contains("stream_options");
  }

  boolean mentionsModelNotFound() {
    String lower = head().toLowerCase(Locale.ROOT);
    return "model_not_found".equals(code)
        || (lower.contains("model")
            && (lower.contains("not found")
                || lower.contains("does not exist")
                || lower.contains("not exist")
                || lower.contains("unknown model")
                || lower.contains("no such model")
                || lower.contains("not supported")
                || lower.contains("invalid model")
                || lower.contains("try pulling it")));
  }

  boolean mentionsContextLength() {
    String lower = head().toLowerCase(Locale.ROOT);
    return "context_length_exceeded".equals(code)
        || lower.contains("context length")
        || lower.contains("context_length")
        || lower.contains("maximum context")
        || lower.contains("context window")
        || lower.contains("prompt is too long")
        || lower.contains("too many tokens")
        || lower.contains("exceeds the available context")
        || lower.contains("input is too long");
  }

  boolean mentionsBalance() {
    String lower = head().toLowerCase(Locale.ROOT);
    return "insufficient_quota".equals(code)
        || "insufficient_balance".equals(code)
        || lower.contains("insufficient balance")
        || lower.contains("insufficient_quota")
        || lower.contains("exceeded your current quota")
        || lower.contains("insufficient credits")
        || lower.contains("more credits");
  }
}

package dev.draft.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.EndpointSettings;
import dev.draft.client.ModelInfo;
import dev.draft.client.RateLimits;
import dev.draft.client.RedactedUrl;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.RetryLoop.Done;
import dev.draft.client.openai.RetryLoop.Failed;
import dev.draft.client.openai.RetryLoop.Step;
import dev.draft.client.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * What a response means: a refusal by status (some retryable, some not), an answer as an event
 * stream or a JSON body whatever its content type claims, or an answer without any candidate, which
 * may be asked for again. Content that arrived is never thrown away for a retry.
 */
final class AnswerReader {
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_MODEL_LIST = 16 * 1024 * 1024;

  private final EndpointSettings settings;
  private final CapabilityStore capabilities;
  private final ErrorMessages errors;
  private final BooleanSupplier cancelled;
  private final Supplier<List<String>> modelIds;

  /**
   * @param cancelled whether the user has stopped the run
   * @param modelIds lists the served models, for an unknown-model message; may fail
   */
  AnswerReader(
      EndpointSettings settings,
      CapabilityStore capabilities,
      ErrorMessages errors,
      BooleanSupplier cancelled,
      Supplier<List<String>> modelIds) {
    this.settings = settings;
    this.capabilities = capabilities;
    this.errors = errors;
    this.cancelled = cancelled;
    this.modelIds = modelIds;
  }

  /** What the body of a response with an error status says. */
  static ServerError error(Response response) {
    return ServerError.parse(readLimited(response.body(), MAX_ERROR_BODY));
  }

  /**
   * A chat request refused with {@code status}: thrown at once when retrying cannot help, else a
   * step the loop may retry.
   */
  Step<ChatResult> refused(
      Response response, ServerError error, ChatRequest request, String url, int retries) {
    int status = response.code();
    if (request.n() > 1 && error.blamesN()) {
      // Deterministic: retrying cannot help; the caller falls back to single requests.
      throw new EndpointException(
          Kind.BAD_REQUEST,
          status,
          "the endpoint does not accept n="
              + request.n()
              + " (HTTP "
              + status
              + "): "
              + errors.redact(error.message()),
          "n",
          error.nLimit(),
          null);
    }
    if (error.mentionsContextLength() && (status < 500 || error.contextWindow() != null)) {
      throw contextRefusal(status, error, request);
    }
    if (error.mentionsBalance()) {
      // An empty balance is not a passing rate limit, even when it comes as a 429.
      throw errors.httpFailure(status, error, url, request.model(), retries + 1, null, modelIds);
    }
    return new Failed<>(
        status,
        response::header,
        giveUp ->
            errors.httpFailure(
                status, error, url, request.model(), retries + 1, giveUp.serverWait(), modelIds));
  }

  /**
   * The server refused the prompt as too long. The window it names is remembered for this endpoint
   * and model, so the next run is measured against it before anything is sent; the advice follows
   * what the server counted: a prompt that fits alone needs a lower --max-tokens.
   */
  private EndpointException contextRefusal(int status, ServerError error, ChatRequest request) {
    Integer window = error.contextWindow();
    Integer prompt = error.promptTokens();
    Integer maxTokens = request.maxTokens();
    if (window != null && request.model() != null) {
      capabilities.update(
          settings.capabilityKey(), c -> c.withContextWindow(request.model(), window));
    }
    String fix;
    if (window != null && prompt != null && maxTokens != null && prompt < window) {
      fix =
          String.format(
              Locale.ROOT,
              "the prompt is %,d tokens, so lower --max-tokens (%,d) to at most %,d",
              prompt,
              maxTokens,
              window - prompt);
    } else if (window != null && (prompt != null || maxTokens == null)) {
      fix =
          "shorten the input, or use a model with a longer context"
              + (prompt == null
                  ? ""
                  : String.format(Locale.ROOT, " (the server counted %,d tokens)", prompt));
    } else {
      fix = "shorten the input, lower --max-tokens, or use a model with a longer context";
    }
    String what =
        window == null
            ? "the prompt does not fit the model's context window"
            : String.format(
                Locale.ROOT,
                "the prompt does not fit the model's %,d-token context window (the server said so;"
                    + " draft will check before sending next time)",
                window);
    return new EndpointException(
        Kind.CONTEXT_LENGTH,
        status,
        what
            + ": "
            + fix
            + " (HTTP "
            + status
            + ": "
            + ServerError.shorten(errors.redact(error.message()))
            + ")",
        null,
        window,
        null);
  }

  /**
   * The answer of a chat request that succeeded, with the rate limits its headers announce; an
   * answer without any candidate is a step the loop may retry.
   */
  Step<ChatResult> answer(
      Response response, ChatRequest request, StreamListener listener, String url, int retries) {
    try {
      return new Done<>(read(response, request, listener, url));
    } catch (RetryableEmptyAnswer empty) {
      return new Failed<>(
          0,
          RetryLoop.NO_HEADERS,
          giveUp -> {
            if (empty.cause != null) {
              return errors.connectionFailure(empty.cause, url, retries + 1);
            }
            return new EndpointException(
                Kind.BAD_RESPONSE,
                response.code(),
                "the endpoint answered without any candidate"
                    + (retries > 0 ? " " + (retries + 1) + " times" : "")
                    + ": check the model and base_url ('draft doctor' checks)");
          });
    }
  }

  /** The answer to a model list request; an error status is a step the loop may retry. */
  Step<List<ModelInfo>> models(Response response, String url, int retries) {
    String body = readLimited(response.body(), MAX_MODEL_LIST);
    if (!response.isSuccessful()) {
      int status = response.code();
      return new Failed<>(
          status,
          response::header,
          giveUp ->
              errors.httpFailure(
                  status,
                  ServerError.parse(body),
                  url,
                  null,
                  retries + 1,
                  giveUp.serverWait(),
                  List::of));
    }
    ServerError refused = ModelListParser.error(body);
    if (refused != null) {
      // An error answered with status 200 is still an error, not an empty list.
      throw errors.httpFailure(
          ModelListParser.status(refused), refused, url, null, retries + 1, null, List::of);
    }
    return new Done<>(ModelListParser.parse(body, RedactedUrl.of(url)));
  }

  /** No candidate arrived at all, so the request may be retried. */
  private static final class RetryableEmptyAnswer extends Exception {
    private static final long serialVersionUID = 1L;
    final transient IOException cause;

    RetryableEmptyAnswer(IOException cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }

  private ChatResult read(
      Response response, ChatRequest request, StreamListener listener, String url)
      throws RetryableEmptyAnswer {
    ResponseBody body = response.body();
    String type = response.header("Content-Type", "").toLowerCase(Locale.ROOT);
    ChoiceAccumulator acc = new ChoiceAccumulator(listener);
    RateLimits limits = RateLimitHeaders.parse(response::header);
    try (InputStream in = body.byteStream()) {
      boolean isStream = type.contains("event-stream");
      boolean isJson = type.contains("json");
      if (!isStream && (!isJson || request.stream())) {
        // A proxy may drop or rewrite the content type (some gateways label a stream JSON): look
        // at the body itself.
        String head = peekStart(body);
        if (head.startsWith("<")) {
          throw errors.httpFailure(
              response.code(),
              ServerError.parse(readLimited(body, MAX_ERROR_BODY)),
              response.request().url().toString(),
              request.model(),
              1,
              null,
              List::of);
        }
        isStream = head.startsWith("data") || head.startsWith(":") || head.startsWith("event");
        isJson = !isStream;
      }
      if (isJson) {
        return readJson(body, request, acc, url, limits);
      }
      return readStream(in, request, acc, limits);
    } catch (IOException e) {
      if (!retryable(acc)) {
        return new ChatResult(acc.choices(request.n(), dropped(e)), acc.usage(), limits);
      }
      throw new RetryableEmptyAnswer(e);
    }
  }

  private ChatResult readStream(
      InputStream in, ChatRequest request, ChoiceAccumulator acc, RateLimits limits)
      throws IOException, RetryableEmptyAnswer {
    StreamEvents events = new StreamEvents(acc, errors);
    SseParser parser = SseParser.ofBytes(events);
    byte[] buffer = new byte[8192];
    String endedEarly = null;
    try {
      int read;
      while (!events.done() && (read = in.read(buffer)) != -1) {
        parser.feed(buffer, 0, read);
      }
      parser.finish();
    } catch (IOException e) {
      if (retryable(acc)) {
        throw new RetryableEmptyAnswer(e);
      }
      endedEarly = dropped(e);
    }
    if (acc.isEmpty()) {
      throw new RetryableEmptyAnswer(null);
    }
    return new ChatResult(acc.choices(request.n(), endedEarly), acc.usage(), limits);
  }

  private ChatResult readJson(
      ResponseBody body, ChatRequest request, ChoiceAccumulator acc, String url, RateLimits limits)
      throws IOException, RetryableEmptyAnswer {
    String text = body.string();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (IOException notJson) {
      throw new EndpointException(
          Kind.BAD_RESPONSE,
          200,
          "the endpoint sent something that is not JSON: "
              + errors.redact(ServerError.collapse(text))
              + " (check base_url)");
    }
    if (root == null || !root.isObject()) {
      throw new RetryableEmptyAnswer(null);
    }
    if (root.has("error") && !root.get("error").isNull() && !root.has("choices")) {
      // Some servers answer an error with status 200.
      throw errors.httpFailure(
          400, ServerError.fromObject(root), url, request.model(), 1, null, modelIds);
    }
    acc.acceptResponse(root);
    if (acc.isEmpty()) {
      throw new RetryableEmptyAnswer(null);
    }
    return new ChatResult(acc.choices(request.n(), null), acc.usage(), limits);
  }

  /**
   * Whether a response that failed mid-way may be asked for again. A stream that dropped after only
   * its role chunk (OpenAI sends it at once, before the model thinks) showed the user nothing, so a
   * retry loses nothing; an empty interrupted draft is worth nothing. Text, reasoning or an error
   * event from the server rule a retry out, and so does the user stopping the run.
   */
  private boolean retryable(ChoiceAccumulator acc) {
    return acc.isEmpty() || (!cancelled.getAsBoolean() && acc.nothingShown());
  }

  private String dropped(IOException e) {
    if (cancelled.getAsBoolean()) {
      return "stopped by the user";
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "no data for "
          + ErrorMessages.seconds(settings.idleTimeout())
          + " (the idle timeout): raise it with --timeout or timeouts.idle";
    }
    return "the connection dropped mid-stream"
        + (e.getMessage() == null ? "" : " (" + errors.redact(e.getMessage()) + ")")
        + ": try again; 'draft doctor' checks the endpoint";
  }

  private static String peekStart(ResponseBody body) throws IOException {
    var source = body.source();
    source.request(64);
    String head = source.getBuffer().snapshot().utf8();
    return head.stripLeading().replace("\uFEFF", "");
  }

  private static String readLimited(ResponseBody body, int limit) {
    if (body == null) {
      return "";
    }
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(limit);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}

package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.draft.client.ApiKey;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointSettings;
import dev.draft.client.StreamListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the WireMock tests of the chat client and the draft generator share: a strict server on a
 * dynamic port, endpoint settings, a client whose retry waits are recorded instead of slept, and
 * SSE bodies framed the way real servers frame them.
 */
public final class WireFixture {
  /** A key that must never appear in a message, even when a server echoes it. */
  public static final String KEY = "sk-test-Zq8vR2mK4pL9wX7cN3bTq1";

  public static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WireFixture() {}

  /** A server that fails the test on any request no stub expected, serving bytes as given. */
  public static WireMockExtension server() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().gzipDisabled(true))
        .failOnUnmatchedRequests(true)
        .build();
  }

  public static Settings settings(WireMockExtension wm) {
    return new Settings(wm.baseUrl() + "/v1");
  }

  /** Endpoint settings with small timeouts; change what a test needs, then {@link #build()}. */
  public static final class Settings {
    String profile = "work";
    String baseUrl;
    ApiKey apiKey = new ApiKey(KEY, "$OPENAI_API_KEY");
    String keyHint = "OPENAI_API_KEY";
    Map<String, String> headers = Map.of();
    EndpointSettings.Azure azure;
    Duration connectTimeout = Duration.ofSeconds(2);
    Duration idleTimeout = Duration.ofSeconds(5);
    int maxRetries = EndpointSettings.DEFAULT_MAX_RETRIES;
    int concurrency = 4;

    Settings(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public Settings baseUrl(String value) {
      baseUrl = value;
      return this;
    }

    public Settings apiKey(ApiKey value) {
      apiKey = value;
      return this;
    }

    public Settings headers(Map<String, String> value) {
      headers = value;
      return this;
    }

    public Settings azure(String deployment, String apiVersion) {
      azure = new EndpointSettings.Azure(deployment, apiVersion);
      return this;
    }

    public Settings connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Settings idleTimeout(Duration value) {
      idleTimeout = value;
      return this;
    }

    public Settings maxRetries(int value) {
      maxRetries = value;
      return this;
    }

    public Settings concurrency(int value) {
      concurrency = value;
      return this;
    }

    public EndpointSettings build() {
      return new EndpointSettings(
          profile,
          baseUrl,
          apiKey,
          keyHint,
          headers,
          azure,
          connectTimeout,
          idleTimeout,
          maxRetries,
          concurrency);
    }
  }

  /** Records the waits between retries instead of sleeping. Thread-safe, for fan-out. */
  public static final class RecordingSleeper implements OpenAiChatClient.Sleeper {
    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      delays.add(duration);
    }

    public List<Duration> delays() {
      return List.copyOf(delays);
    }

    public List<Double> seconds() {
      return delays.stream().map(d -> d.toMillis() / 1000.0).toList();
    }
  }

  /** A client on a fixed clock whose jitter is always the middle of its range. */
  public static OpenAiChatClient client(
      EndpointSettings settings, CapabilityStore capabilities, RecordingSleeper sleeper) {
    return client(settings, capabilities, sleeper, () -> 0.5);
  }

  public static OpenAiChatClient client(
      EndpointSettings settings,
      CapabilityStore capabilities,
      RecordingSleeper sleeper,
      DoubleSupplier random) {
    return new OpenAiChatClient(
        settings, capabilities, sleeper, random, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  public static ChatRequest request(int n, boolean stream) {
    return new ChatRequest(
        "gpt-4o-mini",
        List.of(ChatMessage.system("Be brief."), ChatMessage.user("Name a river.")),
        n,
        null,
        null,
        null,
        stream);
  }

  // --- Response bodies --------------------------------------------------------------------------

  /**
   * JSON written with single quotes for readability: {@code json("{'a':1}")}. Text that needs an
   * apostrophe writes it as the JSON escape {@code \\u0027}.
   */
  public static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** One chunk of an OpenAI stream with the given {@code choices} array (single-quoted JSON). */
  public static String chunk(String choices) {
    return json(
        "{'id':'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT','object':'chat.completion.chunk',"
            + "'created':1741944413,'model':'gpt-4o-mini-2024-07-18',"
            + "'system_fingerprint':'fp_06737a9306','choices':"
            + choices
            + ",'usage':null}");
  }

  /** A chunk with one choice whose delta carries {@code text}. */
  public static String text(int index, String text) {
    return chunk(
        "[{'index':"
            + index
            + ",'delta':{'content':"
            + quote(text)
            + "},'logprobs':null,'finish_reason':null}]");
  }

  /** The first chunk of a choice: the role and an empty content, as OpenAI sends it. */
  public static String role(int index) {
    return chunk(
        "[{'index':"
            + index
            + ",'delta':{'role':'assistant','content':'','refusal':null},"
            + "'logprobs':null,'finish_reason':null}]");
  }

  /** The last chunk of a choice: an empty delta and the finish reason. */
  public static String finish(int index, String reason) {
    return chunk(
        "[{'index':" + index + ",'delta':{},'logprobs':null,'finish_reason':'" + reason + "'}]");
  }

  /** OpenAI's usage chunk, sent last with {@code stream_options.include_usage}. */
  public static String usage(int prompt, int completion) {
    return json(
        "{'id':'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT','object':'chat.completion.chunk',"
            + "'created':1741944413,'model':'gpt-4o-mini-2024-07-18',"
            + "'system_fingerprint':'fp_06737a9306','choices':[],'usage':{'prompt_tokens':"
            + prompt
            + ",'completion_tokens':"
            + completion
            + ",'total_tokens':"
            + (prompt + completion)
            + "}}");
  }

  /** A whole n=1 stream of {@code parts}, finished with {@code stop} and closed with [DONE]. */
  public static String stream(String... parts) {
    List<String> events = new ArrayList<>();
    events.add(role(0));
    for (String part : parts) {
      events.add(text(0, part));
    }
    events.add(finish(0, "stop"));
    return sse(events.toArray(String[]::new));
  }

  /** SSE framing as OpenAI sends it: {@code data: <payload>\n\n} per event, then [DONE]. */
  public static String sse(String... payloads) {
    return sseWithoutDone(payloads) + "data: [DONE]\n\n";
  }

  public static String sseWithoutDone(String... payloads) {
    return Stream.of(payloads).map(p -> "data: " + p + "\n\n").collect(Collectors.joining());
  }

  /** A streamed 200 with OpenAI's content type. */
  public static ResponseDefinitionBuilder eventStream(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream; charset=utf-8")
        .withBody(body);
  }

  /** A JSON response with a status, as an API answers an error. */
  public static ResponseDefinitionBuilder jsonResponse(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** A non-streamed completion with one choice per text, each finished with {@code stop}. */
  public static String completion(String... texts) {
    StringBuilder choices = new StringBuilder("[");
    for (int i = 0; i < texts.length; i++) {
      if (i > 0) {
        choices.append(',');
      }
      choices
          .append("{'index':")
          .append(i)
          .append(",'message':{'role':'assistant','content':")
          .append(quote(texts[i]))
          .append(",'refusal':null,'annotations':[]},'logprobs':null,'finish_reason':'stop'}");
    }
    choices.append(']');
    return json(
        "{'id':'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG','object':'chat.completion',"
            + "'created':1741570283,'model':'gpt-4o-mini-2024-07-18','choices':"
            + choices
            + ",'usage':{'prompt_tokens':19,'completion_tokens':10,'total_tokens':29,"
            + "'prompt_tokens_details':{'cached_tokens':0,'audio_tokens':0}},"
            + "'service_tier':'default','system_fingerprint':'fp_06737a9306'}");
  }

  private static String quote(String text) {
    try {
      // Written with double quotes already: keep them from being read as single-quoted JSON.
      return MAPPER.writeValueAsString(text).replace("'", "\\u0027");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- What the client sent ---------------------------------------------------------------------

  /** The bodies of every chat-completions request the server received, oldest first. */
  public static List<JsonNode> chatBodies(WireMockExtension wm) {
    return chatRequests(wm).stream().map(r -> parse(r.getBodyAsString())).toList();
  }

  public static List<LoggedRequest> chatRequests(WireMockExtension wm) {
    List<LoggedRequest> requests =
        new ArrayList<>(wm.findAll(postRequestedFor(urlPathMatching(".*/chat/completions"))));
    requests.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
    return Collections.unmodifiableList(requests);
  }

  public static JsonNode parse(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records streamed text as {@code "<index>:<delta>"}, reasoning as {@code "<index>~<delta>"}. */
  public static final class RecordingListener implements StreamListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onText(int index, String delta) {
      events.add(index + ":" + delta);
    }

    @Override
    public void onReasoning(int index, String delta) {
      events.add(index + "~" + delta);
    }

    public List<String> events() {
      return List.copyOf(events);
    }
  }
}

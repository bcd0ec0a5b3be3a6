package dev.draft.client.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.EndpointSettings;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The HTTP requests one endpoint is sent: their URLs (Azure's included), headers and JSON bodies.
 */
final class EndpointRequests {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String USER_AGENT = "draft/" + dev.draft.client.Version.get();

  private final EndpointSettings settings;

  EndpointRequests(EndpointSettings settings) {
    this.settings = settings;
  }

  /**
   * @param url {@link #chatUrl()}
   */
  Request chat(String url, ChatRequest request, boolean streamOptions) {
    return new Request.Builder()
        .url(url)
        .headers(headers(request.stream()))
        .post(RequestBody.create(body(request, streamOptions), JSON))
        .build();
  }

  /**
   * @param url {@link #modelsUrl()}
   */
  Request models(String url) {
    return new Request.Builder().url(url).headers(headers(false)).get().build();
  }

  /**
   * @param url {@link #tokenizeUrl()}
   */
  Request tokenize(String url, String model, String text) {
    return new Request.Builder()
        .url(url)
        .headers(headers(false))
        .post(RequestBody.create(tokenizeBody(model, text), JSON))
        .build();
  }

  String chatUrl() {
    if (settings.isAzure()) {
      return azureUrl("deployments", settings.azure().deployment(), "chat", "completions");
    }
    return baseUrl().addPathSegment("chat").addPathSegment("completions").build().toString();
  }

  String modelsUrl() {
    return settings.isAzure()
        ? azureUrl("models")
        : baseUrl().addPathSegment("models").build().toString();
  }

  /**
   * Where the server's own tokenizer is: {@code /tokenize} at the server's root, which is the base
   * URL without its {@code /v1}; null for Azure, which has none.
   */
  String tokenizeUrl() {
    if (settings.isAzure()) {
      return null;
    }
    HttpUrl.Builder url = baseUrl();
    HttpUrl base = url.build();
    int last = base.pathSize() - 1;
    if (base.pathSegments().get(last).equals("v1")) {
      url.removePathSegment(last);
    }
    return url.addPathSegment("tokenize").build().toString();
  }

  /**
   * The base URL to append path segments to: its query ({@code ?api-key=…}) stays at the end of
   * every request URL. Trailing slashes, which users copy from docs ("…/v1/"), are dropped.
   */
  private HttpUrl.Builder baseUrl() {
    HttpUrl base = HttpUrl.parse(settings.baseUrl());
    if (base == null) {
      throw new EndpointException(
          Kind.UNREACHABLE,
          0,
          "the base URL "
              + settings.shownBaseUrl()
              + " is not a valid URL: check base_url (draft config show); a user name or"
              + " password in it must be percent-encoded",
          null,
          null);
    }
    HttpUrl.Builder url = base.newBuilder();
    for (int last = base.pathSize() - 1; last > 0 && base.pathSegments().get(last).isEmpty(); ) {
      url.removePathSegment(last--);
    }
    return url;
  }

  private String azureUrl(String... segments) {
    HttpUrl.Builder url = baseUrl();
    HttpUrl base = url.build();
    if (!base.pathSegments().get(base.pathSize() - 1).equals("openai")) {
      url.addPathSegment("openai");
    }
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.addQueryParameter("api-version", settings.azure().apiVersion()).build().toString();
  }

  private Headers headers(boolean stream) {
    Headers.Builder h = new Headers.Builder();
    h.add("User-Agent", USER_AGENT);
    h.add("Accept", stream ? "text/event-stream, application/json" : "application/json");
    if (settings.apiKey() != null) {
      if (settings.isAzure()) {
        h.add("api-key", settings.apiKey().value());
      } else {
        h.add("Authorization", "Bearer " + settings.apiKey().value());
      }
    }
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      h.set(header.getKey(), header.getValue());
    }
    return h.build();
  }

  /**
   * One body both servers read: llama.cpp takes the text from {@code content}, vLLM from {@code
   * prompt}, and each ignores the other's field. {@code add_special_tokens: false} keeps vLLM from
   * counting a BOS, as llama.cpp does not by default, so both count the text alone.
   */
  private static byte[] tokenizeBody(String model, String text) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    if (model != null) {
      root.put("model", model);
    }
    root.put("content", text);
    root.put("prompt", text);
    root.put("add_special_tokens", false);
    return bytes(root);
  }

  /**
   * The request body as UTF-8 bytes, written by Jackson straight into bytes: a long document in the
   * prompt is then held once more, not as a UTF-16 string and its encoding besides.
   */
  private static byte[] body(ChatRequest request, boolean streamOptions) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    if (request.model() != null) {
      root.put("model", request.model());
    }
    ArrayNode messages = root.putArray("messages");
    for (ChatMessage message : request.messages()) {
      messages.addObject().put("role", message.role()).put("content", message.content());
    }
    if (request.n() > 1) {
      root.put("n", request.n());
    }
    if (request.temperature() != null) {
      root.put("temperature", request.temperature());
    }
    if (request.maxTokens() != null) {
      root.put("max_tokens", request.maxTokens());
    }
    if (request.seed() != null) {
      root.put("seed", request.seed());
    }
    root.put("stream", request.stream());
    if (streamOptions) {
      root.putObject("stream_options").put("include_usage", true);
    }
    return bytes(root);
  }

  /**
   * The body draft would send for {@code request}, unstreamed, as a batch engine takes it: the
   * {@code body} of a line of an OpenAI Batch API or vLLM {@code run-batch} requests file.
   */
  static String batchBody(ChatRequest request) {
    ChatRequest unstreamed =
        new ChatRequest(
            request.model(),
            request.messages(),
            request.n(),
            request.temperature(),
            request.maxTokens(),
            request.seed(),
            false);
    return new String(body(unstreamed, false), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ObjectNode root) {
    try {
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a request body that cannot be written as JSON", e);
    }
  }
}

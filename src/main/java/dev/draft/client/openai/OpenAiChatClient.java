package dev.draft.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatClient;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.EndpointSettings;
import dev.draft.client.ModelInfo;
import dev.draft.client.RedactedUrl;
import dev.draft.client.StreamListener;
import dev.draft.client.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The chat-completions client for OpenAI and every server that imitates it. Checks the status
 * before treating a body as a stream, accepts any event-stream content type, retries like the
 * official SDKs until content arrives (never after), and remembers per endpoint whether it accepts
 * {@code stream_options}.
 */
public final class OpenAiChatClient implements ChatClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final String USER_AGENT = "draft/" + dev.draft.client.Version.get();

  /** Waits between retries; tests record the waits instead of sleeping. Null: wait for real. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final EndpointSettings settings;
  private final CapabilityStore capabilities;
  private final OkHttpClient http;

  /** Like {@link #http}, but keeps no connection, so each call gets a fresh one. */
  private final OkHttpClient fresh;

  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final Clock clock;
  private final ErrorMessages errors;
  private final Set<Call> active = ConcurrentHashMap.newKeySet();
  private volatile CountDownLatch cancelLatch = new CountDownLatch(1);
  private volatile boolean cancelled;
  private static final Function<String, String> NO_HEADERS = name -> null;

  public OpenAiChatClient(EndpointSettings settings, CapabilityStore capabilities) {
    this(
        settings,
        capabilities,
        null,
        () -> ThreadLocalRandom.current().nextDouble(),
        Clock.systemUTC());
  }

  public OpenAiChatClient(
      EndpointSettings settings,
      CapabilityStore capabilities,
      Sleeper sleeper,
      DoubleSupplier random,
      Clock clock) {
    this.settings = settings;
    this.capabilities = capabilities;
    this.sleeper = sleeper;
    this.random = random;
    this.clock = clock;
    this.errors = new ErrorMessages(settings, clock);
    // The read timeout is OkHttp's gap between two reads of the socket, so any byte (a keep-alive
    // comment included) resets it; there is deliberately no total deadline, because reasoning
    // models may think for minutes.
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.idleTimeout())
            .writeTimeout(settings.idleTimeout())
            .retryOnConnectionFailure(false)
            .socketFactory(new CountingSockets())
            .sslSocketFactory(HandshakeTimeout.factory(settings.connectTimeout()), trust())
            .eventListenerFactory(
                call -> {
                  CallTrace trace = call.request().tag(CallTrace.class);
                  return trace == null ? EventListener.NONE : trace;
                })
            .build();
    this.fresh =
        http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
  }

  private static X509TrustManager trust() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JVM has no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM's trust store cannot be read: " + e.getMessage(), e);
    }
  }

  private String endpointKey() {
    return settings.capabilityKey();
  }

  public EndpointSettings settings() {
    return settings;
  }

  @Override
  public void cancel() {
    cancelled = true;
    cancelLatch.countDown();
    active.forEach(Call::cancel);
  }

  @Override
  public void resume() {
    cancelLatch = new CountDownLatch(1);
    cancelled = false;
  }

  private static EndpointException stopped() {
    return new EndpointException(Kind.INTERRUPTED, 0, "stopped by the user", null, null);
  }

  @Override
  public ChatResult complete(ChatRequest request, StreamListener listener) {
    boolean streamOptions =
        request.stream() && !Boolean.FALSE.equals(capabilities.get(endpointKey()).streamOptions());
    String url = chatUrl();
    int retries = 0;
    while (true) {
      Request http =
          new Request.Builder()
              .url(url)
              .headers(headers(request.stream()))
              .post(RequestBody.create(body(request, streamOptions), JSON))
              .build();
      Attempt attempt = send(http);
      if (attempt.failure != null) {
        waitToRetryOrThrow(attempt, retries, url);
        retries++;
        continue;
      }
      try (attempt) {
        Response response = attempt.response;
        if (!response.isSuccessful()) {
          int status = response.code();
          ServerError error = ServerError.parse(readLimited(response.body()));
          if (streamOptions && error.blamesStreamOptions()) {
            // Azure and some proxies reject the field: ask once more without it, and remember.
            capabilities.update(endpointKey(), c -> c.withStreamOptions(false));
            streamOptions = false;
            continue;
          }
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
          // An empty balance is not a passing rate limit, even when it comes as a 429.
          RetryPolicy.GiveUp giveUp =
              error.mentionsBalance()
                  ? new RetryPolicy.GiveUp(null)
                  : retryOrGiveUp(retries, status, response::header);
          if (giveUp == null) {
            retries++;
            continue;
          }
          throw errors.httpFailure(
              status,
              error,
              url,
              request.model(),
              retries + 1,
              giveUp.serverWait(),
              this::modelIds);
        }
        if (streamOptions) {
          capabilities.update(endpointKey(), c -> c.withStreamOptions(true));
        }
        try {
          return readAnswer(response, request, listener);
        } catch (RetryableEmptyAnswer empty) {
          if (retryOrGiveUp(retries, 0, NO_HEADERS) == null) {
            retries++;
            continue;
          }
          if (empty.cause != null) {
            throw errors.connectionFailure(empty.cause, url, retries + 1);
          }
          throw new EndpointException(
              Kind.BAD_RESPONSE,
              response.code(),
              "the endpoint answered without any candidate"
                  + (retries > 0 ? " " + (retries + 1) + " times" : "")
                  + ": check the model and base_url ('draft doctor' checks)");
        }
      }
    }
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
      capabilities.update(endpointKey(), c -> c.withContextWindow(request.model(), window));
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

  @Override
  public List<ModelInfo> listModels() {
    String url = modelsUrl();
    int retries = 0;
    while (true) {
      Request http = new Request.Builder().url(url).headers(headers(false)).get().build();
      Attempt attempt = send(http);
      if (attempt.failure != null) {
        waitToRetryOrThrow(attempt, retries, url);
        retries++;
        continue;
      }
      try (attempt) {
        Response response = attempt.response;
        String body = readLimited(response.body(), 16 * 1024 * 1024);
        if (!response.isSuccessful()) {
          RetryPolicy.GiveUp giveUp = retryOrGiveUp(retries, response.code(), response::header);
          if (giveUp == null) {
            retries++;
            continue;
          }
          throw errors.httpFailure(
              response.code(),
              ServerError.parse(body),
              url,
              null,
              retries + 1,
              giveUp.serverWait(),
              List::of);
        }
        ServerError refused = ModelListParser.error(body);
        if (refused != null) {
          // An error answered with status 200 is still an error, not an empty list.
          throw errors.httpFailure(
              ModelListParser.status(refused), refused, url, null, retries + 1, null, List::of);
        }
        return ModelListParser.parse(body, RedactedUrl.of(url));
      }
    }
  }

  private List<String> modelIds() {
    return listModels().stream().map(ModelInfo::id).toList();
  }

  private RetryPolicy policy() {
    return new RetryPolicy(settings.maxRetries(), random, clock.instant());
  }

  /**
   * After a request that got no response at all: waits before the next attempt, or throws why there
   * is none (a TLS handshake that would fail the same way, no retries left, or a stop).
   */
  private void waitToRetryOrThrow(Attempt attempt, int retries, String url) {
    if (attempt.trace.failedInTls() && !cancelled) {
      throw errors.tlsFailure(attempt.failure, url);
    }
    if (retryOrGiveUp(retries, 0, NO_HEADERS) != null) {
      throw errors.connectionFailure(attempt.failure, url, retries + 1);
    }
  }

  /**
   * Waits before a retry and returns null, or returns why not to retry. Throws when the user has
   * stopped the run.
   */
  private RetryPolicy.GiveUp retryOrGiveUp(
      int retriesDone, int status, Function<String, String> header) {
    if (cancelled) {
      throw stopped();
    }
    RetryPolicy.Decision decision = policy().decide(retriesDone, status, header);
    if (decision instanceof RetryPolicy.GiveUp giveUp) {
      return giveUp;
    }
    Duration delay = ((RetryPolicy.Retry) decision).delay();
    try {
      if (sleeper != null) {
        sleeper.sleep(delay);
      } else {
        // cancel() opens the latch, so Ctrl-C ends a wait of up to a minute at once.
        cancelLatch.await(delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stopped();
    }
    if (cancelled) {
      throw stopped();
    }
    return null;
  }

  /**
   * Either a response or the I/O failure that replaced it. The call stays cancellable until the
   * caller closes the attempt, which also closes the response.
   */
  private final class Attempt implements AutoCloseable {
    final Call call;
    final Response response;
    final IOException failure;
    final CallTrace trace;

    Attempt(Call call, Response response, IOException failure, CallTrace trace) {
      this.call = call;
      this.response = response;
      this.failure = failure;
      this.trace = trace;
    }

    @Override
    public void close() {
      active.remove(call);
      if (response != null) {
        response.close();
      }
    }
  }

  /**
   * Sends {@code request}. When it fails before any response byte on a connection taken from the
   * pool, the server had closed that connection before it could read the request (llama.cpp closes
   * every connection after a streamed answer, though it announces keep-alive): the request was
   * never processed, so it is sent once more at once on a fresh connection, and the caller does not
   * count it as an attempt. The other pooled connections are most likely closed too, so they are
   * dropped. A request whose response had started is never sent again here.
   */
  private Attempt send(Request request) {
    Attempt attempt = send(request, http);
    if (attempt.failure != null && attempt.trace.staleConnection(attempt.failure) && !cancelled) {
      http.connectionPool().evictAll();
      attempt = send(request, fresh);
    }
    return attempt;
  }

  private Attempt send(Request request, OkHttpClient client) {
    CallTrace trace = new CallTrace();
    Call call = client.newCall(request.newBuilder().tag(CallTrace.class, trace).build());
    active.add(call);
    if (cancelled) {
      call.cancel();
    }
    try {
      return new Attempt(call, call.execute(), null, trace);
    } catch (IOException e) {
      active.remove(call);
      return new Attempt(call, null, e, trace);
    }
  }

  /**
   * What OkHttp did for one call, as its events tell: whether the connection came from the pool
   * (acquired without connecting), whether the TLS handshake was under way, and whether the
   * response had begun (OkHttp reports the start of the response headers once they were read).
   */
  static final class CallTrace extends EventListener {
    /** How soon a request on a connection the server had already closed fails. */
    private static final Duration STALE_FAILS_WITHIN = Duration.ofSeconds(1);

    private volatile boolean connected;
    private volatile boolean acquired;
    private volatile boolean tlsStarted;
    private volatile boolean tlsDone;
    private volatile boolean responseStarted;
    private volatile CountingSockets.CountingSocket socket;
    private volatile long readBefore;
    private volatile long sentAt;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connected = true;
    }

    @Override
    public void secureConnectStart(Call call) {
      tlsStarted = true;
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
      tlsDone = true;
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
      acquired = true;
      if (connection.socket() instanceof CountingSockets.CountingSocket counting) {
        socket = counting;
        readBefore = counting.bytesRead();
      }
    }

    @Override
    public void requestHeadersEnd(Call call, Request request) {
      sentAt = System.nanoTime();
    }

    @Override
    public void requestBodyEnd(Call call, long byteCount) {
      sentAt = System.nanoTime();
    }

    @Override
    public void responseHeadersStart(Call call) {
      responseStarted = true;
    }

    /** Whether the call failed during the TLS handshake, so the server never saw the request. */
    boolean failedInTls() {
      return tlsStarted && !tlsDone;
    }

    /**
     * Whether {@code failure} came from a pooled connection the server had already closed: the
     * connection was reused, not one byte of a response came (counted on plain sockets; OkHttp
     * reports the response only once its headers are whole), the failure is not a timeout (a server
     * that is merely slow did get the request), and it came at once: a server that closes a
     * connection it had closed before fails the next request within milliseconds, while one that
     * worked on the request for a while may have computed, and billed, the answer.
     */
    boolean staleConnection(IOException failure) {
      long since = sentAt == 0 ? 0 : System.nanoTime() - sentAt;
      return acquired
          && !connected
          && !responseStarted
          && (socket == null || socket.bytesRead() == readBefore)
          && since < STALE_FAILS_WITHIN.toNanos()
          && !(failure instanceof InterruptedIOException);
    }
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

  private ChatResult readAnswer(Response response, ChatRequest request, StreamListener listener)
      throws RetryableEmptyAnswer {
    ResponseBody body = response.body();
    String type = response.header("Content-Type", "").toLowerCase(Locale.ROOT);
    ChoiceAccumulator acc = new ChoiceAccumulator(listener);
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
              ServerError.parse(readLimited(body)),
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
        return readJson(body, request, acc);
      }
      return readStream(in, request, acc);
    } catch (IOException e) {
      if (!retryable(acc)) {
        return new ChatResult(acc.choices(request.n(), dropped(e)), acc.usage());
      }
      throw new RetryableEmptyAnswer(e);
    }
  }

  private ChatResult readStream(InputStream in, ChatRequest request, ChoiceAccumulator acc)
      throws IOException, RetryableEmptyAnswer {
    boolean[] done = {false};
    SseParser parser =
        new SseParser(
            event -> {
              String data = event.data().strip();
              if (done[0] || data.isEmpty()) {
                return;
              }
              if (data.equals("[DONE]")) {
                done[0] = true;
                return;
              }
              JsonNode chunk;
              try {
                chunk = Json.MAPPER.readTree(data);
              } catch (IOException notJson) {
                if ("error".equals(event.event())) {
                  acc.acceptError(errors.redact(ServerError.collapse(data)));
                }
                return;
              }
              if ("error".equals(event.event()) && !chunk.has("choices")) {
                acc.acceptError(errors.redact(ServerError.fromObject(chunk).message()));
              } else if (chunk.has("error") && !chunk.get("error").isNull()) {
                acc.acceptError(errors.redact(ServerError.fromObject(chunk).message()));
              } else {
                acc.acceptChunk(chunk);
              }
            });
    byte[] buffer = new byte[8192];
    String endedEarly = null;
    try {
      int read;
      while (!done[0] && (read = in.read(buffer)) != -1) {
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
    return new ChatResult(acc.choices(request.n(), endedEarly), acc.usage());
  }

  private ChatResult readJson(ResponseBody body, ChatRequest request, ChoiceAccumulator acc)
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
          400, ServerError.fromObject(root), chatUrl(), request.model(), 1, null, this::modelIds);
    }
    acc.acceptResponse(root);
    if (acc.isEmpty()) {
      throw new RetryableEmptyAnswer(null);
    }
    return new ChatResult(acc.choices(request.n(), null), acc.usage());
  }

  /**
   * Whether a response that failed mid-way may be asked for again. A stream that dropped after only
   * its role chunk (OpenAI sends it at once, before the model thinks) showed the user nothing, so a
   * retry loses nothing; an empty interrupted draft is worth nothing. Text, reasoning or an error
   * event from the server rule a retry out, and so does the user stopping the run.
   */
  private boolean retryable(ChoiceAccumulator acc) {
    return acc.isEmpty() || (!cancelled && acc.nothingShown());
  }

  private String dropped(IOException e) {
    if (cancelled) {
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

  private static String readLimited(ResponseBody body) {
    return readLimited(body, MAX_ERROR_BODY);
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

  private okhttp3.Headers headers(boolean stream) {
    okhttp3.Headers.Builder h = new okhttp3.Headers.Builder();
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
    try {
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a request body that cannot be written as JSON", e);
    }
  }
}

package dev.draft.client.openai;

import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatClient;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointSettings;
import dev.draft.client.ModelInfo;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.RetryLoop.Done;
import dev.draft.client.openai.RetryLoop.Resend;
import dev.draft.client.openai.TokenCountReader.Absent;
import dev.draft.client.openai.TokenCountReader.Answer;
import dev.draft.client.openai.TokenCountReader.Counted;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * The chat-completions client for OpenAI and every server that imitates it. Checks the status
 * before treating a body as a stream, accepts any event-stream content type, retries like the
 * official SDKs until content arrives (never after), and remembers per endpoint whether it accepts
 * {@code stream_options} and whether it counts tokens at {@code /tokenize}.
 */
public final class OpenAiChatClient implements ChatClient {
  /** Waits between retries; tests record the waits instead of sleeping. Null: wait for real. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final EndpointSettings settings;
  private final CapabilityStore capabilities;
  private final EndpointRequests requests;
  private final RetryLoop loop;
  private final AnswerReader answers;

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
    ErrorMessages errors = new ErrorMessages(settings, clock);
    this.requests = new EndpointRequests(settings);
    this.loop =
        new RetryLoop(http(settings), settings.maxRetries(), sleeper, random, clock, errors);
    this.answers =
        new AnswerReader(settings, capabilities, errors, loop::cancelled, this::modelIds);
  }

  /** The most connections kept open for reuse: more than any batch's requests at once. */
  static final int IDLE_CONNECTIONS = 1_000;

  private static OkHttpClient http(EndpointSettings settings) {
    // The read timeout is OkHttp's gap between two reads of the socket, so any byte (a keep-alive
    // comment included) resets it; there is deliberately no total deadline, because reasoning
    // models may think for minutes.
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.idleTimeout())
            .writeTimeout(settings.idleTimeout())
            .retryOnConnectionFailure(false)
            // OkHttp keeps 5 idle connections by default, so a batch of 50 at once closed and
            // reopened 45 connections a round. draft's process is short-lived: idle ones end with
            // it.
            .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
            .socketFactory(new CountingSockets())
            .eventListenerFactory(
                call -> {
                  CallTrace trace = call.request().tag(CallTrace.class);
                  return trace == null ? EventListener.NONE : trace;
                });
    if (settings.baseUrl().regionMatches(true, 0, "http:", 0, 5)) {
      // A local server: no TLS at all, which spares reading the trust store (some 80 ms a start).
      // A redirect to https:// comes back as the 3xx it is, and its message names the fix.
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).followSslRedirects(false);
    } else {
      builder.sslSocketFactory(HandshakeTimeout.factory(settings.connectTimeout()), trust());
    }
    return builder.build();
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

  /**
   * The JSON body draft sends for {@code request}, unstreamed: what a batch engine's requests file
   * holds for it ({@code draft batch --export-requests}).
   */
  public static String batchBody(ChatRequest request) {
    return EndpointRequests.batchBody(request);
  }

  public EndpointSettings settings() {
    return settings;
  }

  @Override
  public void cancel() {
    loop.cancel();
  }

  @Override
  public void resume() {
    loop.resume();
  }

  @Override
  public ChatResult complete(ChatRequest request, StreamListener listener) {
    AtomicBoolean streamOptions =
        new AtomicBoolean(
            request.stream()
                && !Boolean.FALSE.equals(capabilities.get(endpointKey()).streamOptions()));
    String url = requests.chatUrl();
    return loop.run(
        url,
        () -> requests.chat(url, request, streamOptions.get()),
        (response, retries) -> {
          if (!response.isSuccessful()) {
            ServerError error = AnswerReader.error(response);
            if (streamOptions.get() && error.blamesStreamOptions()) {
              // Azure and some proxies reject the field: ask once more without it, and remember.
              capabilities.update(endpointKey(), c -> c.withStreamOptions(false));
              streamOptions.set(false);
              return new Resend<>();
            }
            return answers.refused(response, error, request, url, retries);
          }
          if (streamOptions.get()) {
            capabilities.update(endpointKey(), c -> c.withStreamOptions(true));
          }
          return answers.answer(response, request, listener, url, retries);
        });
  }

  @Override
  public List<ModelInfo> listModels() {
    String url = requests.modelsUrl();
    return loop.run(
        url,
        () -> requests.models(url),
        (response, retries) -> answers.models(response, url, retries));
  }

  /**
   * Asks the server's {@code /tokenize} once, without retries: a server without one costs a single
   * request per endpoint, remembered, and a failure only means counting without it.
   */
  @Override
  public OptionalInt countTokens(String model, String text) {
    if (loop.cancelled()) {
      throw RetryLoop.stopped();
    }
    String url = requests.tokenizeUrl();
    if (url == null || Boolean.FALSE.equals(capabilities.get(endpointKey()).tokenize())) {
      return OptionalInt.empty();
    }
    Answer answer;
    try {
      answer =
          loop.once(
              url,
              () -> requests.tokenize(url, model, text),
              (response, retries) -> new Done<>(TokenCountReader.read(response)));
    } catch (EndpointException failed) {
      if (failed.kind() == EndpointException.Kind.INTERRUPTED) {
        throw failed;
      }
      // Unreachable, say: the chat request that follows reports that, with its retries.
      return OptionalInt.empty();
    }
    if (loop.cancelled()) {
      throw RetryLoop.stopped();
    }
    if (answer instanceof Counted counted) {
      capabilities.update(endpointKey(), c -> c.withTokenize(true));
      return OptionalInt.of(counted.tokens());
    }
    if (answer instanceof Absent) {
      capabilities.update(endpointKey(), c -> c.withTokenize(false));
    }
    return OptionalInt.empty();
  }

  private List<String> modelIds() {
    return listModels().stream().map(ModelInfo::id).toList();
  }
}

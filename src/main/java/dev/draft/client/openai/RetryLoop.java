package dev.draft.client.openai;

import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends a request until it gets an answer, waiting between attempts as {@link RetryPolicy} says;
 * the one loop for every call of the client. The caller's {@link Exchange} says what each response
 * means. Stopping the run ({@link #cancel()}) cancels the calls under way and ends a wait at once.
 */
final class RetryLoop {
  /** The headers of an attempt that got no usable response. */
  static final Function<String, String> NO_HEADERS = name -> null;

  private final OkHttpClient http;

  /** Like {@link #http}, but keeps no connection, so each call gets a fresh one. */
  private final OkHttpClient fresh;

  private final int maxRetries;
  private final OpenAiChatClient.Sleeper sleeper;
  private final DoubleSupplier random;
  private final Clock clock;
  private final ErrorMessages errors;
  private final Set<Call> active = ConcurrentHashMap.newKeySet();
  private volatile CountDownLatch cancelLatch = new CountDownLatch(1);
  private volatile boolean cancelled;

  /**
   * @param sleeper waits between retries; null: wait for real
   */
  RetryLoop(
      OkHttpClient http,
      int maxRetries,
      OpenAiChatClient.Sleeper sleeper,
      DoubleSupplier random,
      Clock clock,
      ErrorMessages errors) {
    this.http = http;
    this.fresh =
        http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    this.maxRetries = maxRetries;
    this.sleeper = sleeper;
    this.random = random;
    this.clock = clock;
    this.errors = errors;
  }

  /** Reads one response of a call. The loop closes the response afterwards. */
  @FunctionalInterface
  interface Exchange<T> {
    /**
     * @param retries how many retries were made before this attempt
     */
    Step<T> read(Response response, int retries);
  }

  /** What one response means to the loop. */
  sealed interface Step<T> {}

  /** The call is over with {@code value}. */
  record Done<T>(T value) implements Step<T> {}

  /** Send the request again at once, not counted as a retry: the request has changed. */
  record Resend<T>() implements Step<T> {}

  /**
   * The attempt failed in a way that may pass: try again when the policy allows, after its wait;
   * otherwise throw what {@code giveUp} makes of the policy's reason.
   *
   * @param status the HTTP status, or 0 when no usable answer came
   * @param header the response's headers by name, for the policy
   */
  record Failed<T>(
      int status,
      Function<String, String> header,
      Function<RetryPolicy.GiveUp, EndpointException> giveUp)
      implements Step<T> {}

  /**
   * Runs one call to its end.
   *
   * @param url the request's URL, as messages name it
   * @param request builds each attempt's request, so an exchange that answers {@link Resend} can
   *     change what is sent
   */
  <T> T run(String url, Supplier<Request> request, Exchange<T> exchange) {
    return run(url, request, exchange, maxRetries);
  }

  /**
   * Like {@link #run}, but never waits for another attempt: for a call whose failure costs nothing
   * but a fallback. A request the server closed unread is still sent again on a fresh connection,
   * as that is no retry.
   */
  <T> T once(String url, Supplier<Request> request, Exchange<T> exchange) {
    return run(url, request, exchange, 0);
  }

  private <T> T run(String url, Supplier<Request> request, Exchange<T> exchange, int retryLimit) {
    int retries = 0;
    while (true) {
      Attempt attempt = send(request.get());
      if (attempt.failure != null) {
        waitToRetryOrThrow(attempt, retries, url, retryLimit);
        retries++;
        continue;
      }
      try (attempt) {
        Step<T> step = exchange.read(attempt.response, retries);
        if (step instanceof Done<T> done) {
          return done.value();
        }
        if (step instanceof Failed<T> failed) {
          RetryPolicy.GiveUp giveUp =
              retryOrGiveUp(retries, failed.status(), failed.header(), retryLimit);
          if (giveUp != null) {
            throw failed.giveUp().apply(giveUp);
          }
          retries++;
        }
      }
    }
  }

  void cancel() {
    cancelled = true;
    cancelLatch.countDown();
    active.forEach(Call::cancel);
  }

  void resume() {
    cancelLatch = new CountDownLatch(1);
    cancelled = false;
  }

  boolean cancelled() {
    return cancelled;
  }

  static EndpointException stopped() {
    return new EndpointException(Kind.INTERRUPTED, 0, "stopped by the user", null, null);
  }

  private RetryPolicy policy(int retryLimit) {
    return new RetryPolicy(retryLimit, random, clock.instant());
  }

  /**
   * After a request that got no response at all: waits before the next attempt, or throws why there
   * is none (a TLS handshake that would fail the same way, no retries left, or a stop).
   */
  private void waitToRetryOrThrow(Attempt attempt, int retries, String url, int retryLimit) {
    if (attempt.trace.failedInTls() && !cancelled) {
      throw errors.tlsFailure(attempt.failure, url);
    }
    if (retryOrGiveUp(retries, 0, NO_HEADERS, retryLimit) != null) {
      throw errors.connectionFailure(attempt.failure, url, retries + 1);
    }
  }

  /**
   * Waits before a retry and returns null, or returns why not to retry. Throws when the user has
   * stopped the run.
   */
  private RetryPolicy.GiveUp retryOrGiveUp(
      int retriesDone, int status, Function<String, String> header, int retryLimit) {
    if (cancelled) {
      throw stopped();
    }
    RetryPolicy.Decision decision = policy(retryLimit).decide(retriesDone, status, header);
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
}

package dev.draft.client.openai;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Request;

/**
 * What OkHttp did for one call, as its events tell: whether the connection came from the pool
 * (acquired without connecting), whether the TLS handshake was under way, and whether the response
 * had begun (OkHttp reports the start of the response headers once they were read).
 */
final class CallTrace extends EventListener {
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

package dev.draft.client.openai;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Bounds the TLS handshake by the connect timeout. OkHttp's connect timeout covers only the TCP
 * connect: during the handshake the socket waits as long as the read timeout (draft's idle timeout,
 * minutes), so a plain-HTTP server addressed as https://, which reads the TLS hello as the start of
 * a request and waits for the rest, kept draft waiting for minutes. Sockets made here wait at most
 * the connect timeout; OkHttp sets the read timeout itself once the handshake is done.
 */
final class HandshakeTimeout extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final int timeoutMillis;

  private HandshakeTimeout(SSLSocketFactory delegate, Duration timeout) {
    this.delegate = delegate;
    this.timeoutMillis = (int) Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
  }

  /** The JVM's default TLS socket factory, with the handshake bounded by {@code timeout}. */
  static SSLSocketFactory factory(Duration timeout) {
    try {
      return new HandshakeTimeout(SSLContext.getDefault().getSocketFactory(), timeout);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM offers no TLS: " + e.getMessage(), e);
    }
  }

  private Socket bounded(Socket socket) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    return socket;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    return bounded(delegate.createSocket(socket, host, port, autoClose));
  }

  @Override
  public Socket createSocket() throws IOException {
    return bounded(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return bounded(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return bounded(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return bounded(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return bounded(delegate.createSocket(address, port, localAddress, localPort));
  }
}

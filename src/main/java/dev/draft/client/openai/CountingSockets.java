package dev.draft.client.openai;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * Plain sockets that count the bytes they have read, so the client can tell a request that failed
 * before its response sent a single byte (never processed: safe to send again) from one whose
 * response had begun (never sent again). OkHttp's events report the response only once its headers
 * were read whole.
 */
final class CountingSockets extends SocketFactory {
  /** A socket that counts what its input stream delivers. */
  static final class CountingSocket extends Socket {
    private final AtomicLong read = new AtomicLong();
    private InputStream in;

    long bytesRead() {
      return read.get();
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in =
            new FilterInputStream(super.getInputStream()) {
              @Override
              public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                  read.incrementAndGet();
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                  read.addAndGet(n);
                }
                return n;
              }
            };
      }
      return in;
    }
  }

  // OkHttp creates an unconnected socket and connects it itself; the other forms are for callers
  // that want a connected socket.
  @Override
  public Socket createSocket() {
    return new CountingSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new IOException("connect a socket made by createSocket() instead");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    throw new IOException("connect a socket made by createSocket() instead");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    throw new IOException("connect a socket made by createSocket() instead");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    throw new IOException("connect a socket made by createSocket() instead");
  }
}

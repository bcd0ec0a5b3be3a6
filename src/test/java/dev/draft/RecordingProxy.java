package dev.draft;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP pipe in front of a real server that keeps a copy of every byte the client sent. It adds
 * nothing and changes nothing: when the server closes a connection, so does the pipe, so the client
 * meets the server's own connection handling. Tests read the requests back from the copy.
 */
final class RecordingProxy implements AutoCloseable {
  private static final Pattern N = Pattern.compile("\"n\"\\s*:\\s*(\\d+)");
  private static final Pattern CHAT_POST = Pattern.compile("POST /v1/chat/completions ");

  private final ServerSocket listener;
  private final int target;

  /** What the client sent, one buffer per connection, so parallel requests never interleave. */
  private final List<ByteArrayOutputStream> sent = new ArrayList<>();

  private final List<Socket> sockets = new ArrayList<>();

  RecordingProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "recording-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(server);
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        synchronized (sent) {
          sent.add(copy);
        }
        pipe(client, server, copy);
        pipe(server, client, null);
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Copies one direction until it ends, then ends the other side's output as well. */
  private void pipe(Socket from, Socket to, ByteArrayOutputStream copy) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) != -1) {
                  if (copy != null) {
                    synchronized (sent) {
                      copy.write(buffer, 0, read);
                    }
                  }
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException ended) {
                // One side went away; closing both below tells the other.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "recording-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  /**
   * The {@code n} of each chat request sent since the last call (1 where a body has none), and
   * forgets those requests.
   */
  List<Integer> drainChatRequestNs() {
    List<Integer> ns = new ArrayList<>();
    synchronized (sent) {
      for (ByteArrayOutputStream connection : sent) {
        String[] requests = CHAT_POST.split(connection.toString(StandardCharsets.UTF_8), -1);
        for (int i = 1; i < requests.length; i++) {
          Matcher n = N.matcher(requests[i]);
          ns.add(n.find() ? Integer.parseInt(n.group(1)) : 1);
        }
        connection.reset();
      }
    }
    return ns;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    synchronized (sockets) {
      sockets.forEach(RecordingProxy::closeQuietly);
    }
  }
}

package dev.draft.client.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP/1.1 server on 127.0.0.1 that does exactly what a script says, socket by socket, which
 * WireMock cannot: answer with keep-alive headers and then drop the connection the way llama.cpp
 * does, so that the client's next request on that pooled connection fails before any response byte.
 * Each accepted connection takes the next script; each step of a script serves one request.
 */
final class RawHttpServer implements AutoCloseable {
  /** What to do with one request read from a connection. */
  @FunctionalInterface
  interface Step {
    /** Returns false to close the connection after this step. */
    boolean serve(OutputStream out) throws IOException;
  }

  /** Answers with a chunked event stream, announcing keep-alive, and keeps the socket open. */
  static Step stream(String sseBody) {
    return out -> {
      byte[] body = sseBody.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nKeep-Alive: timeout=5, max=100\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n"
                  + Integer.toHexString(body.length)
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return true;
    };
  }

  /** Answers with a JSON body and Content-Length, and keeps the socket open. */
  static Step json(String json) {
    return out -> {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return true;
    };
  }

  /** Reads the request and closes the connection without a byte: a stale pooled connection. */
  static Step closeSilently() {
    return out -> false;
  }

  /** Sends {@code raw} (the start of a response), then closes the connection. */
  static Step sendThenClose(String raw) {
    return out -> {
      out.write(raw.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return false;
    };
  }

  /**
   * Reads the request, works on it for {@code millis} (a server generating a whole answer before it
   * writes a byte), then dies without answering.
   */
  static Step closeAfter(long millis) {
    return out -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    };
  }

  private final ServerSocket socket;
  private final List<List<Step>> scripts;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Integer> connectionOfRequest = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  @SafeVarargs
  RawHttpServer(List<Step>... scripts) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.scripts = new ArrayList<>(List.of(scripts));
    this.acceptor = new Thread(this::acceptAll, "raw-http-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The request lines received, oldest first. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** For each request received, the number (from 0) of the connection it came on. */
  List<Integer> connections() {
    return List.copyOf(connectionOfRequest);
  }

  private void acceptAll() {
    int number = 0;
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException closed) {
        return;
      }
      List<Step> script = number < scripts.size() ? scripts.get(number) : List.of();
      int connection = number++;
      Thread serving = new Thread(() -> serve(client, connection, script), "raw-http-conn");
      serving.setDaemon(true);
      serving.start();
    }
  }

  private void serve(Socket client, int connection, List<Step> script) {
    try (client;
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream()) {
      for (Step step : script) {
        String head = readRequest(in);
        if (head == null) {
          return;
        }
        requests.add(head.lines().findFirst().orElse(""));
        connectionOfRequest.add(connection);
        if (!step.serve(out)) {
          return;
        }
      }
    } catch (IOException ignored) {
      // the client went away: nothing to serve
    }
  }

  /** Reads one request (head and Content-Length body) and returns its head, or null at EOF. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    if (matched < 4) {
      return null;
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        int length = Integer.parseInt(line.substring(15).trim());
        in.readNBytes(length);
      }
    }
    return text;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

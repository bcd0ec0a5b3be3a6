package dev.draft.session;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's endpoint for long documents ({@code scripts/bench}): every chat request is
 * answered after a fixed latency with a short streamed note, so a run's wall time is its rounds
 * times the latency. Prints {@code PORT n} and serves until killed; on exit prints how many calls
 * of each kind it answered and when the rounds started.
 *
 * <p>Usage: {@code LongDocumentStub LATENCY_MS}
 */
public final class LongDocumentStub {
  private LongDocumentStub() {}

  public static void main(String[] args) throws IOException {
    long latency = Long.parseLong(args[0]);
    AtomicInteger parts = new AtomicInteger();
    AtomicInteger combining = new AtomicInteger();
    AtomicInteger last = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/v1/models",
        exchange -> reply(exchange, 200, "application/json", "{\"data\":[{\"id\":\"bench\"}]}"));
    server.createContext("/tokenize", exchange -> reply(exchange, 404, "text/plain", "no"));
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          if (body.contains("<part>")) {
            parts.incrementAndGet();
          } else if (body.contains("still too long to use together")) {
            combining.incrementAndGet();
          } else {
            last.incrementAndGet();
          }
          try {
            Thread.sleep(latency);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          String chunk =
              "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A short note on this"
                  + " part: the river, the weir, the people who kept it.\"}}]}\n\n"
                  + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                  + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":20}}\n\n"
                  + "data: [DONE]\n\n";
          reply(exchange, 200, "text/event-stream", chunk);
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    System.err.println(
                        "stub: "
                            + parts.get()
                            + " part calls, "
                            + combining.get()
                            + " combining calls, "
                            + last.get()
                            + " last-step calls")));
    server.start();
    System.out.println("PORT " + server.getAddress().getPort());
    System.out.flush();
  }

  private static void reply(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

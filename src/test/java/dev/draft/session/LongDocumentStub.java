package dev.draft.session;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    // When each call arrived, in ms after the first: the gaps between rounds are draft's own time.
    List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    long[] first = {0};
    // As real servers do: with Nagle's algorithm on, every response waits ~40 ms for an ACK.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/v1/models",
        exchange -> reply(exchange, 200, "application/json", "{\"data\":[{\"id\":\"bench\"}]}"));
    server.createContext("/tokenize", exchange -> reply(exchange, 404, "text/plain", "no"));
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          long now = System.nanoTime();
          synchronized (first) {
            if (arrivals.isEmpty()) {
              first[0] = now;
            }
            arrivals.add((now - first[0]) / 1_000_000);
          }
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
                            + " last-step calls; arrivals (ms after the first): "
                            + rounds(arrivals, Math.max(20, latency / 2)))));
    server.start();
    System.out.println("PORT " + server.getAddress().getPort());
    System.out.flush();
  }

  /** The arrivals grouped into rounds: {@code 0 (8), 1004 (8), …}, a round's start and size. */
  private static String rounds(List<Long> arrivals, long gap) {
    List<String> rounds = new ArrayList<>();
    long start = -1;
    int size = 0;
    synchronized (arrivals) {
      for (long at : arrivals) {
        if (start >= 0 && at - start > gap) {
          rounds.add(start + " (" + size + ")");
          size = 0;
          start = -1;
        }
        if (start < 0) {
          start = at;
        }
        size++;
      }
    }
    if (start >= 0) {
      rounds.add(start + " (" + size + ")");
    }
    return String.join(", ", rounds);
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

package dev.draft.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.config.EndpointFlags;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftListener;
import dev.draft.draft.DraftSet;
import dev.draft.draft.Status;
import dev.draft.ui.LiveView;
import dev.draft.ui.TerminalScreen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * The client's own throughput (issue 13 item 3): how many tokens a second draft's stream parser and
 * live view absorb when the server is never the bottleneck, so that a slower parser or renderer
 * shows up in {@code scripts/bench}. It measures, it does not judge.
 *
 * <p>Each round is one {@code draft ask -n 8} generation through {@link Generation} (the real
 * {@code OpenAiChatClient}, {@code DraftGenerator} and history recorder, in a temporary {@code
 * DRAFT_HOME}) against an in-process stub that writes 8 × 50,000 one-token chunks from a prebuilt
 * array as fast as the socket takes them. The generator asks an unknown endpoint for {@code n = 8}
 * in one request, so the stub interleaves the 8 choices in one stream, as OpenAI does (and the run
 * fails, saying so, should the generator ever fan out instead). Two modes, each 2 warm-up and 7
 * timed rounds: no view ({@link DraftListener#NONE}, what {@code RunPrinter} passes without a
 * terminal) and the live view painting on a 160×48 terminal whose output is discarded. Every draft
 * is checked to be complete and exactly the text sent, so a broken parser fails the run instead of
 * reporting a great number. About 30 s on 2 cores.
 *
 * <p>Prints exactly two lines on stdout, tokens per second over the timed rounds: {@code throughput
 * no-view MEDIAN MIN MAX} and {@code throughput live-view MEDIAN MIN MAX}. Per-round figures go to
 * stderr.
 */
public final class StreamThroughputBench {
  private static final int STREAMS = 8;
  // Per stream: 100,000 took about 60 s for the 18 rounds on 2 cores; half that keeps it near 30.
  private static final int TOKENS = 50_000;
  private static final int WARM_UP_ROUNDS = 2;
  private static final int TIMED_ROUNDS = 7;

  /**
   * The tokens of every draft, in order: words that differ from token to token and a paragraph
   * break now and then, so the view's frames change as they would with real text (a text of one
   * repeated word wraps the same way every frame and costs the terminal almost nothing).
   */
  private static final List<String> TOKEN_TEXTS = tokens();

  private StreamThroughputBench() {}

  /**
   * Token {@code t} of choice {@code choice}: each choice starts elsewhere in the same words, so
   * the panes show different text, as eight drafts would.
   */
  private static String token(int choice, int t) {
    return TOKEN_TEXTS.get((t + choice * 997) % TOKENS);
  }

  private static List<String> tokens() {
    String[] words =
        "the river ran past a weir where people kept watch through long winters, and nobody left."
            .split(" ");
    Random random = new Random(13);
    List<String> tokens = new ArrayList<>(TOKENS);
    for (int t = 0; t < TOKENS; t++) {
      tokens.add(t % 60 == 59 ? "end.\n\n" : words[random.nextInt(words.length)] + " ");
    }
    return List.copyOf(tokens);
  }

  public static void main(String[] args) throws Exception {
    // As real servers do: with Nagle's algorithm on, small writes wait ~40 ms for an ACK.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Path home = Files.createTempDirectory("draft-tput");
    ChunkStub stub = ChunkStub.start();
    try {
      PrintWriter err = new PrintWriter(System.err, true);
      Context context =
          Context.builder(new PrintWriter(Writer.nullWriter()), err)
              .env(
                  Map.of(
                      "DRAFT_HOME",
                      home.toString(),
                      "OPENAI_BASE_URL",
                      "http://127.0.0.1:" + stub.port() + "/v1",
                      "DRAFT_MODEL",
                      "bench"))
              .build();
      EndpointSession session = EndpointSession.open(context, EndpointFlags.none());
      ChatRequest request =
          Requests.of(List.of(ChatMessage.user("Write a very long story."))).build();
      List<String> expected = new ArrayList<>();
      for (int choice = 0; choice < STREAMS; choice++) {
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < TOKENS; t++) {
          text.append(token(choice, t));
        }
        expected.add(text.toString());
      }
      long[] noView = measure("no-view", context, session, request, expected, false);
      long[] liveView = measure("live-view", context, session, request, expected, true);
      err.println(
          "stub: "
              + stub.requests()
              + " chat requests, n per request "
              + stub.nSeen()
              + ", "
              + stub.unexpected()
              + " unexpected");
      if (stub.unexpected() > 0) {
        throw new IllegalStateException("the client sent requests the stub did not expect");
      }
      System.out.println(line("no-view", noView));
      System.out.println(line("live-view", liveView));
    } finally {
      stub.stop();
      deleteTree(home);
    }
  }

  /** Tokens per second of each timed round, sorted. */
  private static long[] measure(
      String mode,
      Context context,
      EndpointSession session,
      ChatRequest request,
      List<String> expected,
      boolean view)
      throws IOException {
    long[] rates = new long[TIMED_ROUNDS];
    for (int round = -WARM_UP_ROUNDS; round < TIMED_ROUNDS; round++) {
      CountingSink painted = new CountingSink();
      long start = System.nanoTime();
      DraftSet set =
          view ? inLiveView(context, session, request, painted) : bare(context, session, request);
      long nanos = System.nanoTime() - start;
      check(set, expected);
      if (view && painted.bytes() < 160L * 48) {
        throw new IllegalStateException(
            "the live view painted " + painted.bytes() + " bytes: it did not really draw");
      }
      long rate = Math.round(STREAMS * (double) TOKENS / (nanos / 1e9));
      System.err.printf(
          "%s %s %d: %d tok/s, %.0f ms, method %s%s%n",
          mode,
          round < 0 ? "warm-up" : "round",
          round < 0 ? round + WARM_UP_ROUNDS + 1 : round + 1,
          rate,
          nanos / 1e6,
          set.method(),
          view ? ", " + painted.bytes() / 1024 + " KiB painted" : "");
      if (round >= 0) {
        rates[round] = rate;
      }
    }
    Arrays.sort(rates);
    return rates;
  }

  /** As {@code RunPrinter} does with several drafts and no terminal: nothing listens. */
  private static DraftSet bare(Context context, EndpointSession session, ChatRequest request) {
    return new Generation(context, session, session.historyEnabled())
        .run(RunOrigin.rawPrompt(), "samples", request, STREAMS, null, DraftListener.NONE)
        .set();
  }

  /**
   * As {@link ViewRun} does up to the pick view: the drafts stream into a started live view, which
   * takes the final drafts and paints its last frame.
   */
  private static DraftSet inLiveView(
      Context context, EndpointSession session, ChatRequest request, OutputStream sink)
      throws IOException {
    try (ExternalTerminal terminal =
        new ExternalTerminal(
            "bench",
            "xterm-256color",
            InputStream.nullInputStream(),
            sink,
            StandardCharsets.UTF_8)) {
      terminal.setSize(new Size(160, 48));
      try (TerminalScreen screen = TerminalScreen.on(terminal)) {
        Generation.Generated generated;
        try (LiveView live =
            PickSession.live(
                context, screen, STREAMS + " drafts with " + session.model(), STREAMS)) {
          generated =
              new Generation(context, session, session.historyEnabled())
                  .run(RunOrigin.rawPrompt(), "samples", request, STREAMS, null, live);
          live.finish(generated.set().drafts());
        }
        return generated.set();
      }
    }
  }

  /** Fails unless all drafts came back complete with exactly the text the stub sent. */
  private static void check(DraftSet set, List<String> expected) {
    if (!set.method().equals("native")) {
      // The stub can tell the choices of one request apart, not the single requests of a fan-out.
      throw new IllegalStateException(
          "the generator asked with method "
              + set.method()
              + ", not one request with n="
              + STREAMS);
    }
    List<Draft> drafts = set.drafts();
    if (drafts.size() != STREAMS) {
      throw new IllegalStateException(drafts.size() + " drafts came back, not " + STREAMS);
    }
    for (int i = 0; i < STREAMS; i++) {
      Draft draft = drafts.get(i);
      if (draft.index() != i + 1
          || draft.status() != Status.COMPLETE
          || !draft.text().equals(expected.get(i))) {
        throw new IllegalStateException(
            "draft "
                + draft.index()
                + " came back "
                + draft.status().label()
                + " with "
                + draft.text().length()
                + " characters, not the "
                + expected.get(i).length()
                + " of its "
                + TOKENS
                + " tokens"
                + (draft.error() == null ? "" : ": " + draft.error()));
      }
    }
  }

  private static String line(String mode, long[] sorted) {
    return "throughput "
        + mode
        + " "
        + sorted[sorted.length / 2]
        + " "
        + sorted[0]
        + " "
        + sorted[sorted.length - 1];
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The terminal's output: discarded, only counted, to show that the view drew. */
  private static final class CountingSink extends OutputStream {
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public void write(int b) {
      bytes.incrementAndGet();
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes.addAndGet(len);
    }

    long bytes() {
      return bytes.get();
    }
  }

  /**
   * A chat-completions endpoint that streams as fast as the socket takes it: for a request of
   * {@code n} choices, one prebuilt event stream of a role chunk per choice, a chunk per
   * {@linkplain #token token} per choice (interleaved, as OpenAI sends them), a finish chunk per
   * choice, the usage chunk when {@code stream_options.include_usage} asks for it, and {@code
   * [DONE]}.
   */
  private static final class ChunkStub {
    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unexpected = new AtomicInteger();
    private final Map<Integer, Boolean> nSeen = new ConcurrentHashMap<>();

    private ChunkStub(HttpServer server, ExecutorService threads) {
      this.server = server;
      this.threads = threads;
    }

    static ChunkStub start() throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      ExecutorService threads = Executors.newCachedThreadPool();
      server.setExecutor(threads);
      ChunkStub stub = new ChunkStub(server, threads);
      server.createContext("/", stub::handle);
      server.start();
      return stub;
    }

    int port() {
      return server.getAddress().getPort();
    }

    int requests() {
      return requests.get();
    }

    int unexpected() {
      return unexpected.get();
    }

    String nSeen() {
      return nSeen.keySet().toString();
    }

    void stop() {
      server.stop(0);
      threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        JsonNode body = JsonText.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        if (!exchange.getRequestURI().getPath().equals("/v1/chat/completions")
            || !body.path("stream").asBoolean(false)) {
          unexpected.incrementAndGet();
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        requests.incrementAndGet();
        int n = body.path("n").asInt(1);
        nSeen.put(n, true);
        boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
        byte[] stream = bodies.computeIfAbsent(n + "/" + usage, key -> stream(n, usage));
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, stream.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(stream);
        }
      }
    }

    private static byte[] stream(int n, boolean usage) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(n * (TOKENS + 2) * 200);
      for (int i = 0; i < n; i++) {
        out.writeBytes(event(choice(i, "{\"role\":\"assistant\",\"content\":\"\"}", "null")));
      }
      for (int t = 0; t < TOKENS; t++) {
        for (int i = 0; i < n; i++) {
          String content = JsonText.MAPPER.getNodeFactory().textNode(token(i, t)).toString();
          out.writeBytes(event(choice(i, "{\"content\":" + content + "}", "null")));
        }
      }
      for (int i = 0; i < n; i++) {
        out.writeBytes(event(choice(i, "{}", "\"stop\"")));
      }
      if (usage) {
        long completion = (long) n * TOKENS;
        out.writeBytes(
            event(
                "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":"
                    + completion
                    + ",\"total_tokens\":"
                    + (completion + 12)
                    + "}"));
      }
      out.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }

    private static String choice(int index, String delta, String finishReason) {
      return "\"choices\":[{\"index\":"
          + index
          + ",\"delta\":"
          + delta
          + ",\"logprobs\":null,\"finish_reason\":"
          + finishReason
          + "}]";
    }

    /** One chunk event as OpenAI frames it, {@code rest} being its fields after the common ones. */
    private static byte[] event(String rest) {
      return ("data: {\"id\":\"chatcmpl-9bench0tput\",\"object\":\"chat.completion.chunk\","
              + "\"created\":1718000000,\"model\":\"bench\",\"system_fingerprint\":\"fp_bench\","
              + rest
              + "}\n\n")
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}

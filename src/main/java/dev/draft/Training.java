package dev.draft;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.draft.cli.Cli;
import dev.draft.client.Version;
import dev.draft.history.NativeSqlite;
import dev.draft.session.Context;
import dev.draft.session.Interrupts;
import dev.draft.ui.Terminals;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The work {@code scripts/draft} records its class archive from (AppCDS): the commands people run
 * most, in one JVM, so that the archive holds the classes they load and every later start maps them
 * instead of reading, verifying and linking them from the jar again. It runs the real command line
 * in a throw-away home against a local endpoint of its own that answers at once: help, a template's
 * help, a dry run, a streamed {@code ask} of two drafts recorded in the history, and the history
 * listed. It reads nothing of the user's and writes nothing outside its temporary folder.
 *
 * <p>Not a command: {@code java -XX:ArchiveClassesAtExit=draft.jsa -cp draft.jar
 * dev.draft.Training}. Exits 0 when every step ran as it should, 1 (naming the step) when one did
 * not, so that a launcher never keeps an archive of a broken run.
 */
public final class Training {
  private Training() {}

  /** Each step's arguments, as a person would type them after {@code draft}. */
  private static final List<List<String>> STEPS =
      List.of(
          List.of("--help"),
          List.of("ask", "--help"),
          List.of("article", "--help"),
          List.of("summarize", "--dry-run", "-p", "training", "notes.md"),
          List.of("ask", "-p", "training", "-n", "2", "Say hello."),
          List.of("ask", "-p", "training", "--no-history", "Say hello again."),
          List.of("history"),
          List.of("show", "last"),
          List.of("templates", "list"));

  public static void main(String[] args) throws IOException {
    if (args.length == 1 && args[0].equals("--light")) {
      light();
      System.exit(0);
    }
    Optional<String> failed = train();
    failed.ifPresent(step -> System.err.println("draft training: " + step));
    System.exit(failed.isPresent() ? 1 : 0);
  }

  /**
   * Runs every step once.
   *
   * @return the first step that did not exit 0, and its exit code; empty when all did
   */
  static Optional<String> train() throws IOException {
    Path home = Files.createTempDirectory("draft-training");
    // As Main does: sqlite's library from the cache, not unpacked into a /tmp that may be noexec.
    NativeSqlite.cacheIn(home.resolve("cache"));
    HttpServer server = endpoint();
    try {
      Files.writeString(
          home.resolve("config.yaml"),
          "default_profile: training\n"
              + "profiles:\n"
              + "  training:\n"
              + "    base_url: http://127.0.0.1:"
              + server.getAddress().getPort()
              + "/v1\n"
              + "    model: training\n");
      Files.writeString(home.resolve("notes.md"), "A river, a weir, and the people who kept it.\n");
      // What every start asks of the terminal, though the steps below run without one.
      Terminals.standardStreams();
      for (List<String> step : STEPS) {
        int code = run(home, step);
        if (code != 0) {
          return Optional.of("'draft " + String.join(" ", step) + "' exited " + code);
        }
      }
      return Optional.empty();
    } finally {
      server.stop(0);
      delete(home);
    }
  }

  /**
   * What {@code draft --version} and a kept help load, and no more: the launcher's small archive
   * for them maps in a fraction of the time the full one takes, which would cost them more than it
   * saves. No lambda or stream here, or the archive would hold their machinery too.
   */
  static void light() throws IOException {
    Version.line();
    // Not Files.createTempDirectory, whose random name starts up the security providers.
    Path home =
        Files.createDirectory(
            Path.of(System.getProperty("java.io.tmpdir"), "draft-training-" + System.nanoTime()));
    try {
      Optional<HelpCache> help =
          HelpCache.forArgs(
              new String[] {"--help"}, Map.of("DRAFT_HOME", home.toString()), Main.cwd());
      if (help.isPresent()) {
        help.get().write(new byte[] {'\n'});
        help.get().read();
      }
    } finally {
      delete(home);
    }
  }

  private static int run(Path home, List<String> step) {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    Context context =
        Context.builder(nowhere, nowhere)
            .interrupts(new Interrupts())
            .in(new ByteArrayInputStream(new byte[0]))
            .env(Map.of("DRAFT_HOME", home.toString(), "NO_COLOR", "1"))
            .terminals(false, false, false)
            .cwd(home)
            .build();
    return new Cli(context).run(step.toArray(String[]::new));
  }

  /** An OpenAI-compatible endpoint that streams a short answer at once, as llama.cpp does. */
  private static HttpServer endpoint() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/models",
        exchange -> reply(exchange, "application/json", "{\"data\":[{\"id\":\"training\"}]}"));
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          StringBuilder events = new StringBuilder();
          for (String word : List.of("Hello", " from", " a", " river", ".")) {
            events
                .append("data: {\"id\":\"t\",\"object\":\"chat.completion.chunk\",\"created\":0,")
                .append(
                    "\"model\":\"training\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                .append(word)
                .append("\"},\"finish_reason\":null}]}\n\n");
          }
          events
              .append("data: {\"id\":\"t\",\"object\":\"chat.completion.chunk\",\"created\":0,")
              .append("\"model\":\"training\",\"choices\":[{\"index\":0,\"delta\":{},")
              .append("\"finish_reason\":\"stop\"}],")
              .append("\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,")
              .append("\"total_tokens\":17}}\n\n")
              .append("data: [DONE]\n\n");
          reply(exchange, "text/event-stream", events.toString());
        });
    server.start();
    return server;
  }

  private static void reply(HttpExchange exchange, String type, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void delete(Path file) throws IOException {
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(file)) {
        for (Path entry : entries) {
          delete(entry);
        }
      }
    }
    Files.delete(file);
  }
}

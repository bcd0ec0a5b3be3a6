package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.openai.OpenAiChatClient;
import dev.draft.session.Context;
import dev.draft.session.Interrupts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the command line in-process with injected writers, standard input and environment. The
 * environment holds only {@code DRAFT_HOME} and what a test adds, never the real one; the clients
 * never sleep between retries; the clock is fixed, so run ids begin with {@link #RUN_PREFIX};
 * Ctrl-C comes from {@link #interrupts()}.
 */
final class CliHarness {
  /** The fixed time of every run: 2025-01-01T00:00:00Z. */
  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  /** The time part of run ids made at {@link #NOW} (seconds since 2024 in base 32). */
  static final String RUN_PREFIX = "r0y5180";

  /** A recognisable fake key, to check it appears nowhere in the output. */
  static final String SECRET_KEY = "sk-test-SECRET123456789";

  private static final Pattern RUN_ID = Pattern.compile("\"run\":\"(r[0-9a-z]{9})\"");

  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {
    /** Both streams, for checks that something appears in neither. */
    String all() {
      return out + err;
    }

    /** The run id in the JSON on stdout, checked to be one made at {@link #NOW}. */
    String runId() {
      Matcher run = RUN_ID.matcher(out);
      assertThat(run.find()).as("a run id in %s", out).isTrue();
      assertThat(run.group(1)).startsWith(RUN_PREFIX);
      return run.group(1);
    }
  }

  private final Path home;
  private final Map<String, String> env = new HashMap<>();
  private boolean stdinTerminal;
  private boolean stdoutTerminal;
  private boolean stderrTerminal;
  private Context.ClientFactory clients =
      (settings, capabilities) ->
          new OpenAiChatClient(settings, capabilities, delay -> {}, () -> 0.5, Clock.systemUTC());
  private final Interrupts interrupts = new Interrupts();
  private Path cwd = Path.of("").toAbsolutePath();
  private Long seed;
  private java.util.function.Supplier<dev.draft.ui.TerminalScreen> screens;

  CliHarness(Path home) {
    this.home = home;
    env.put("DRAFT_HOME", home.toString());
    // Output tests compare stderr exactly; recording, and its "saved as" line, is tested apart
    // (HistoryCommandsTest turns it back on with withHistory()).
    env.put("DRAFT_HISTORY", "off");
  }

  /** Records runs in the history, as draft does by default. */
  CliHarness withHistory() {
    env.remove("DRAFT_HISTORY");
    return this;
  }

  Path home() {
    return home;
  }

  Path configFile() {
    return home.resolve("config.yaml");
  }

  CliHarness env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Replaces the real client (which talks HTTP, without sleeping between retries). */
  CliHarness clients(Context.ClientFactory factory) {
    this.clients = factory;
    return this;
  }

  /**
   * Sets the working directory, against which INPUT files are read and where project templates
   * ({@code .draft/prompts}) are found; by default the JVM's own.
   */
  CliHarness cwd(Path dir) {
    this.cwd = dir;
    return this;
  }

  /**
   * Seeds the context's random (the judge's blind order) afresh for every run, so that each run
   * shuffles the same way.
   */
  CliHarness seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * Where the live and pick views draw (a virtual terminal); without it they never open, as off a
   * terminal.
   */
  CliHarness screens(java.util.function.Supplier<dev.draft.ui.TerminalScreen> value) {
    this.screens = value;
    return this;
  }

  /** Where a test delivers Ctrl-C. */
  Interrupts interrupts() {
    return interrupts;
  }

  CliHarness terminals(boolean stdin, boolean stdout, boolean stderr) {
    this.stdinTerminal = stdin;
    this.stdoutTerminal = stdout;
    this.stderrTerminal = stderr;
    return this;
  }

  /** Writes {@code $DRAFT_HOME/config.yaml}. */
  CliHarness config(String yaml) {
    try {
      Files.createDirectories(home);
      Files.writeString(configFile(), yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Runs with empty standard input. */
  Result run(String... args) {
    return runWithStdin(new byte[0], args);
  }

  Result runWithStdin(String stdin, String... args) {
    return runWithStdin(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  Result runWithStdin(byte[] stdin, String... args) {
    return run(stdin, new StringWriter(), args);
  }

  /** A run in progress on another thread, with what it has printed to stdout so far. */
  record Running(CompletableFuture<Result> result, StringWriter out) {}

  /** Starts a run on another thread, with empty standard input. */
  Running start(String... args) {
    StringWriter out = new StringWriter();
    return new Running(CompletableFuture.supplyAsync(() -> run(new byte[0], out, args)), out);
  }

  /** A context like the one a run gets, writing to nowhere, for tests of the command model. */
  Context context() {
    return context(new byte[0], new StringWriter(), new StringWriter());
  }

  private Result run(byte[] stdin, StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    int code = new Cli(context(stdin, out, err)).run(args);
    return new Result(code, out.toString(), err.toString());
  }

  private Context context(byte[] stdin, StringWriter out, StringWriter err) {
    Context.Builder builder = Context.builder(new PrintWriter(out), new PrintWriter(err));
    if (seed != null) {
      builder.random(new Random(seed));
    }
    return builder
        .in(new ByteArrayInputStream(stdin))
        .env(env)
        .terminals(stdinTerminal, stdoutTerminal, stderrTerminal)
        .clients(clients)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .interrupts(interrupts)
        .cwd(cwd)
        .screens(screens)
        .build();
  }
}

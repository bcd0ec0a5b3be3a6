package dev.draft;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real llama.cpp {@code llama-server} with its tiny random-weight model, from {@code
 * ../shared/llama} beside the project: the protocol and quirks of a real server (n capped at the
 * slot count, a context window per slot, a connection closed after each stream). Tests that need it
 * are skipped, saying why, where that folder is absent (a clone outside the workspace).
 */
final class LlamaServer implements AutoCloseable {
  private static final Pattern STARTED = Pattern.compile("PORT (\\d+) PID (\\d+) LOG (\\S+)");

  final int port;
  final long pid;
  final Path log;

  private LlamaServer(int port, long pid, Path log) {
    this.port = port;
    this.pid = pid;
    this.log = log;
  }

  /** The start script, found from the project folder that Maven runs the tests in. */
  static Path startScript() {
    return Path.of(System.getProperty("user.dir"))
        .toAbsolutePath()
        .resolveSibling("shared")
        .resolve("llama")
        .resolve("start");
  }

  /**
   * Starts a server with {@code slots} slots sharing {@code context} tokens, so each slot gets
   * {@code context / slots}; skips the calling test when the server is not at hand.
   */
  static LlamaServer start(int slots, int context) throws IOException, InterruptedException {
    Path script = startScript();
    assumeTrue(
        Files.isExecutable(script),
        "skipped: no llama.cpp server at "
            + script
            + " (../shared/llama is beside the project only in the team's workspace)");
    List<String> command =
        new ArrayList<>(List.of(script.toString(), "0", "" + slots, "" + context));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("../shared/llama/start failed: " + printed);
    }
    Matcher started = STARTED.matcher(printed);
    if (!started.find()) {
      throw new IllegalStateException("../shared/llama/start printed no PORT line: " + printed);
    }
    return new LlamaServer(
        Integer.parseInt(started.group(1)),
        Long.parseLong(started.group(2)),
        Path.of(started.group(3)));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port + "/v1";
  }

  @Override
  public void close() {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
  }
}

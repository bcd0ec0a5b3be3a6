package dev.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code target/draft.jar} (built by {@code package}) as a subprocess, the way a user
 * does, with nothing of this machine's environment but {@code DRAFT_HOME} and what a test adds.
 */
final class JarProcess {
  record Result(int exitCode, String out, String err) {}

  private final Path home;

  JarProcess(Path home) {
    this.home = home;
  }

  /** Starts draft with {@code env} added; the caller owns the process and its streams. */
  Process start(Map<String, String> env, String... args) throws IOException {
    Path jar = Path.of(System.getProperty("draft.jar", "target/draft.jar"));
    assertThat(jar).as("the jar built by 'package'").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("DRAFT_HOME", home.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Runs draft to the end with {@code stdin} as its input; fails the test after two minutes. */
  Result run(Map<String, String> env, String stdin, String... args) throws Exception {
    Process process = start(env, args);
    // Read both streams to the end while the process runs, so neither pipe fills up.
    CompletableFuture<String> out = readAll(process.getInputStream());
    CompletableFuture<String> err = readAll(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("draft did not finish within 120 s: " + List.of(args));
    }
    return new Result(process.exitValue(), out.get(), err.get());
  }

  static CompletableFuture<String> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}

package dev.draft;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar in a real pseudo-terminal ({@code script} from util-linux gives it one): the view
 * opens on the terminal with stdout redirected to a file, a key picks a draft, and the pick lands
 * in the file. Nothing here is emulated: JLine talks to a kernel tty.
 */
class PickViewPtyIT {
  private static final String STREAM =
      """
      data: {"choices":[{"index":0,"delta":{"content":"Nile"},"finish_reason":null}]}

      data: {"choices":[{"index":1,"delta":{"content":"Amazon"},"finish_reason":null}]}

      data: {"choices":[{"index":2,"delta":{"content":"Yangtze"},"finish_reason":null}]}

      data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

      data: {"choices":[{"index":1,"delta":{},"finish_reason":"stop"}]}

      data: {"choices":[{"index":2,"delta":{},"finish_reason":"stop"}]}

      data: [DONE]

      """;

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path home;

  @Test
  void theViewOpensOnTheTerminalAndThePickGoesToTheRedirectedStdout() throws Exception {
    Path script = Path.of("/usr/bin/script");
    Assumptions.assumeTrue(Files.isExecutable(script), "util-linux 'script' gives the pty");
    server.stubFor(
        post("/v1/chat/completions")
            .willReturn(
                aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
    Path jar = Path.of(System.getProperty("draft.jar", "target/draft.jar")).toAbsolutePath();
    Path picked = home.resolve("picked.md");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "stty cols 100 rows 24; '"
            + java
            + "' -jar '"
            + jar
            + "' ask 'Name a river' -n 3 -m m1 --base-url http://127.0.0.1:"
            + server.getPort()
            + "/v1 > '"
            + picked
            + "'";
    ProcessBuilder builder =
        new ProcessBuilder(List.of(script.toString(), "-qfec", command, "/dev/null"));
    builder.environment().put("DRAFT_HOME", home.toString());
    builder.environment().put("TERM", "xterm-256color");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Thread reader = copy(process.getInputStream(), screen);
    try (OutputStream keys = process.getOutputStream()) {
      awaitOutput(screen, "? help", process);
      keys.write("2\r".getBytes(StandardCharsets.UTF_8));
      keys.flush();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("draft did not end after the pick; the terminal showed:\n" + text(screen));
      }
    }
    reader.join(5000);

    assertThat(process.exitValue()).as(text(screen)).isZero();
    assertThat(Files.readString(picked)).isEqualTo("Amazon\n");
    String shown = text(screen);
    assertThat(shown).contains("Nile").contains("Yangtze");
    assertThat(shown).contains("draft: picked draft 2");
  }

  private static Thread copy(InputStream from, ByteArrayOutputStream to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[4096];
              try (from) {
                int n;
                while ((n = from.read(buffer)) > 0) {
                  synchronized (to) {
                    to.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // The process ended.
              }
            });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static String text(ByteArrayOutputStream screen) {
    synchronized (screen) {
      return screen.toString(StandardCharsets.UTF_8);
    }
  }

  private static void awaitOutput(ByteArrayOutputStream screen, String what, Process process)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (text(screen).contains(what)) {
        return;
      }
      if (!process.isAlive()) {
        fail("draft ended before showing '" + what + "':\n" + text(screen));
      }
      Thread.sleep(50);
    }
    fail("the terminal never showed '" + what + "':\n" + text(screen));
  }
}

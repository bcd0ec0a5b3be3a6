package dev.draft.client.openai;

import static dev.draft.client.openai.WireFixture.finish;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.role;
import static dev.draft.client.openai.WireFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ApiKey;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.Choice;
import dev.draft.client.EndpointSettings;
import dev.draft.client.Outcome;
import dev.draft.client.StreamListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout is a gap between bytes, not a deadline, and a gap after text has streamed keeps
 * that text. WireMock cannot send text and then fall silent, so this test serves the stream from a
 * plain socket on the loopback address.
 */
class IdleGapTest {
  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();

  @AfterEach
  void close() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Serves {@code before}, waits {@code silence}, then serves {@code after}, on every connection.
   */
  private String serve(String before, Duration silence, String after) throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread thread =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                  connections.incrementAndGet();
                  readRequest(socket.getInputStream());
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                              + "Connection: close\r\n\r\n")
                          .getBytes(StandardCharsets.UTF_8));
                  out.write(before.getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  Thread.sleep(silence.toMillis());
                  out.write(after.getBytes(StandardCharsets.UTF_8));
                  out.flush();
                } catch (IOException | InterruptedException e) {
                  // The client hung up (idle timeout) or the server closed: next connection.
                }
              }
            });
    thread.setDaemon(true);
    thread.start();
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    String headers = head.toString().toLowerCase();
    int at = headers.indexOf("content-length:");
    int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf('\r', at)).trim());
    in.readNBytes(length);
  }

  private ChatResult complete(String baseUrl, Duration idle) {
    EndpointSettings settings =
        new EndpointSettings(
            "test",
            baseUrl,
            new ApiKey("sk-test-idle-0123456789", "$OPENAI_API_KEY"),
            "OPENAI_API_KEY",
            Map.of(),
            null,
            Duration.ofSeconds(2),
            idle,
            2,
            1);
    return WireFixture.client(settings, CapabilityStore.inMemory(), new RecordingSleeper())
        .complete(request(1, true), StreamListener.NONE);
  }

  @Test
  void silenceAfterTextKeepsTheTextAsInterruptedWithoutRetrying() throws IOException {
    String before = "data: " + role(0) + "\n\ndata: " + text(0, "The Dan") + "\n\n";
    String after = "data: " + text(0, "ube") + "\n\ndata: " + finish(0, "stop") + "\n\n";
    String url = serve(before, Duration.ofMillis(1500), after);

    Choice choice = complete(url, Duration.ofMillis(300)).choices().get(0);

    assertThat(choice.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(choice.text()).isEqualTo("The Dan");
    assertThat(choice.error()).startsWith("no data for 0.3 s (the idle timeout)");
    assertThat(connections.get()).isEqualTo(1);
  }

  @Test
  void commentsDuringALongThinkKeepTheStreamAlive() throws IOException {
    StringBuilder pings = new StringBuilder();
    String before = "data: " + role(0) + "\n\n";
    String after = "data: " + text(0, "Danube") + "\n\ndata: " + finish(0, "stop") + "\n\n";
    // Four comment lines 200 ms apart with a 300 ms idle timeout: 800 ms in all, never idle.
    for (int i = 0; i < 4; i++) {
      pings.append(": keep-alive\n\n");
    }
    String url = serveDribbled(before, pings.toString(), Duration.ofMillis(200), after);

    Choice choice = complete(url, Duration.ofMillis(300)).choices().get(0);

    assertThat(choice.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(choice.text()).isEqualTo("Danube");
  }

  /** Like {@link #serve} but sends {@code pings} line by line with {@code pause} between them. */
  private String serveDribbled(String before, String pings, Duration pause, String after)
      throws IOException {
    String[] lines = pings.split("(?<=\n\n)");
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread thread =
        new Thread(
            () -> {
              try (Socket socket = server.accept()) {
                readRequest(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(
                    ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                            + "Connection: close\r\n\r\n"
                            + before)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                for (String line : lines) {
                  Thread.sleep(pause.toMillis());
                  out.write(line.getBytes(StandardCharsets.UTF_8));
                  out.flush();
                }
                out.write(after.getBytes(StandardCharsets.UTF_8));
                out.flush();
              } catch (IOException | InterruptedException e) {
                // The test fails on its own assertions if the stream was cut.
              }
            });
    thread.setDaemon(true);
    thread.start();
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }
}

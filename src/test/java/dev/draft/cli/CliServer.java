package dev.draft.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * WireMock playing the endpoint of a CLI test class, and a fresh {@link CliHarness} with its own
 * {@code DRAFT_HOME} for each test. The server starts once per class on a dynamic port, forgets its
 * stubs and requests before each test, and fails a test that sent a request no stub matched; it
 * serves bodies as given (no gzip). Each harness's home is deleted after its test.
 *
 * <pre>{@code
 * @RegisterExtension static final CliServer server = new CliServer();
 *
 * final CliHarness cli = server.cli().withHistory(); // a new one for every test
 * final Path home = cli.home();
 * final String baseUrl = server.endpoint();
 * }</pre>
 *
 * <p>Field initialisers may call it, since JUnit makes the test instance after the server started
 * (the default lifecycle, an instance per test method); stubs belong in {@code @BeforeEach}, which
 * runs after the reset.
 */
final class CliServer extends WireMockExtension {
  private final List<Path> homes = new ArrayList<>();

  CliServer() {
    super(
        extensionOptions()
            .options(wireMockConfig().dynamicPort().gzipDisabled(true))
            .failOnUnmatchedRequests(true));
  }

  /**
   * The base URL to give draft ({@code --base-url}, {@code base_url}): the server's {@code /v1}.
   */
  String endpoint() {
    return "http://" + hostPort() + "/v1";
  }

  /** {@code 127.0.0.1:<port>}, for tests that build their own URL. */
  String hostPort() {
    int port;
    try {
      port = getPort();
    } catch (NullPointerException notStarted) {
      // WireMockExtension has no server before beforeAll: say how to register this one.
      throw new IllegalStateException(
          "CliServer is not running: register it on a static @RegisterExtension field", notStarted);
    }
    return "127.0.0.1:" + port;
  }

  /**
   * A new harness whose {@code DRAFT_HOME} is a new empty directory, deleted after the test; with
   * the history off, as {@link CliHarness} starts.
   */
  CliHarness cli() {
    try {
      Path home = Files.createTempDirectory("draft-cli-");
      synchronized (homes) {
        homes.add(home);
      }
      return new CliHarness(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void onAfterEach(WireMockRuntimeInfo info) {
    deleteHomes();
  }

  /** A test whose unmatched requests failed it skips {@link #onAfterEach}: clean up here then. */
  @Override
  protected void onAfterAll(WireMockRuntimeInfo info) {
    deleteHomes();
  }

  private void deleteHomes() {
    List<Path> done;
    synchronized (homes) {
      done = List.copyOf(homes);
      homes.clear();
    }
    for (Path home : done) {
      delete(home);
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the test's DRAFT_HOME " + dir, e);
    }
  }
}

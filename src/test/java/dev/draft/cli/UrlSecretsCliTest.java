package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ChatClient;
import dev.draft.client.ChatRequest;
import dev.draft.client.ChatResult;
import dev.draft.client.EndpointException;
import dev.draft.client.ModelInfo;
import dev.draft.client.StreamListener;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A key in the base URL ({@code http://u:KEY@host/v1?api-key=KEY}) reaches the server and nothing
 * else: not stderr, stdout, the history or the capability cache.
 */
class UrlSecretsCliTest {
  private static final String SECRET = "sk-SECRET-url-7d41c9e0b2";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli().withHistory();
  final Path home = cli.home();
  final String hostPort = server.hostPort();
  final String secretUrl = "http://u:" + SECRET + "@" + hostPort + "/v1?api-key=" + SECRET;

  @Test
  void anEndpointErrorShowsAndStoresNoSecretButTheRequestCarriesIt() throws Exception {
    server.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .withQueryParam("api-key", equalTo(SECRET))
            .willReturn(
                Sse.error(
                    404,
                    "no route for /v1/chat/completions?api-key=" + SECRET,
                    "invalid_request_error",
                    null)));

    CliHarness.Result result = cli.run("ask", "hi", "-m", "m1", "--base-url", secretUrl);

    assertThat(result.exitCode()).isEqualTo(ExitCode.ENDPOINT);
    assertThat(result.err())
        .contains("http://***@" + hostPort + "/v1/chat/completions?api-key=***");
    server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions?api-key=" + SECRET)));
    assertNoSecretAnywhere(result);
  }

  @Test
  void nothingListeningShowsAndStoresNoSecret() throws Exception {
    String closed =
        "http://u:" + SECRET + "@127.0.0.1:" + freePort() + "/v1?api-key=" + SECRET + "#" + SECRET;

    CliHarness.Result result = cli.run("ask", "hi", "-m", "m1", "--base-url", closed);

    assertThat(result.exitCode()).isEqualTo(ExitCode.ENDPOINT);
    assertThat(result.err()).contains("nothing is listening at http://***@127.0.0.1:");
    assertNoSecretAnywhere(result);
  }

  @Test
  void aRecordedRunShowsItsBaseUrlWithoutTheSecret() throws Exception {
    server.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .withQueryParam("api-key", equalTo(SECRET))
            .willReturn(Sse.stream(Sse.answer("Nile", 5, 2))));
    CliHarness.Result ask =
        cli.run("ask", "hi", "-m", "m1", "--base-url", secretUrl, "--format", "json");

    CliHarness.Result show = cli.run("show", ask.runId(), "--json");
    CliHarness.Result history = cli.run("history", "--json");

    assertThat(ask.exitCode()).isZero();
    assertThat(show.out()).contains("http://***@" + hostPort + "/v1?api-key=***");
    assertNoSecretAnywhere(ask);
    assertNoSecretAnywhere(show);
    assertNoSecretAnywhere(history);
  }

  @Test
  void configShowAndDoctorShowTheBaseUrlWithoutTheSecret() throws Exception {
    server.stubFor(
        get(urlPathEqualTo("/v1/models"))
            .withQueryParam("api-key", equalTo(SECRET))
            .willReturn(Sse.error(401, "bad key " + SECRET, "invalid_request_error", null)));
    cli.config(
        """
        default_profile: work
        profiles:
          work:
            base_url: %s
            model: m1
        """
            .formatted(secretUrl));

    CliHarness.Result show = cli.run("config", "show");
    CliHarness.Result doctor = cli.run("doctor");
    CliHarness.Result models = cli.run("models");

    assertThat(show.exitCode()).isZero();
    assertThat(show.out()).contains("http://***@" + hostPort + "/v1?api-key=***  (profile work)");
    assertThat(doctor.out()).contains("base_url: http://***@" + hostPort + "/v1?api-key=***");
    assertThat(doctor.exitCode()).isEqualTo(ExitCode.ENDPOINT);
    assertThat(models.exitCode()).isEqualTo(ExitCode.ENDPOINT);
    assertNoSecretAnywhere(show);
    assertNoSecretAnywhere(doctor);
    assertNoSecretAnywhere(models);
  }

  @Test
  void aBaseUrlWithoutSchemeIsRefusedWithoutShowingTheSecret() throws Exception {
    CliHarness.Result result =
        cli.run("ask", "hi", "--base-url", "u:" + SECRET + "@" + hostPort + "/v1?k=" + SECRET);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("***@" + hostPort + "/v1?k=***");
    assertNoSecretAnywhere(result);
  }

  @Test
  void aConfigBaseUrlWithoutSchemeIsRefusedWithoutShowingTheSecret() throws Exception {
    cli.config(
        """
        default_profile: work
        profiles:
          work:
            base_url: u:%s@127.0.0.1/v1
        """
            .formatted(SECRET));

    CliHarness.Result result = cli.run("config", "show");

    assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG);
    assertThat(result.err()).contains("base_url");
    assertNoSecretAnywhere(result);
  }

  @Test
  void aUrlWithASecretInAnyErrorIsRedactedOnStderrAndInTheHistory() throws Exception {
    String leaky = "http://u:" + SECRET + "@127.0.0.1:1/v1?api-key=" + SECRET;
    cli.clients(
        (settings, capabilities) ->
            new ChatClient() {
              @Override
              public ChatResult complete(ChatRequest request, StreamListener listener) {
                throw new EndpointException(
                    EndpointException.Kind.UNREACHABLE, 0, "request to " + leaky + " failed");
              }

              @Override
              public List<ModelInfo> listModels() {
                throw new IllegalStateException("a bug near " + leaky);
              }
            });

    CliHarness.Result ask = cli.run("ask", "hi", "-m", "m1", "--base-url", "http://127.0.0.1:1/v1");
    CliHarness.Result models = cli.run("models", "--base-url", "http://127.0.0.1:1/v1");

    assertThat(ask.exitCode()).isEqualTo(ExitCode.ENDPOINT);
    assertThat(ask.err()).contains("request to http://***@127.0.0.1:1/v1?api-key=*** failed");
    assertThat(models.exitCode()).isEqualTo(ExitCode.INTERNAL);
    assertThat(models.err()).contains("a bug near http://***@127.0.0.1:1/v1?api-key=***");
    assertNoSecretAnywhere(ask);
    assertNoSecretAnywhere(models);
  }

  @Test
  void aFailingKeyCommandShowsItsExitCodeButNothingItPrinted() throws Exception {
    cli.config(
        """
        default_profile: work
        profiles:
          work:
            base_url: http://%s/v1
            api_key_cmd: "echo 'decrypt failed for %s' >&2; exit 5"
        """
            .formatted(hostPort, SECRET));

    CliHarness.Result result = cli.run("ask", "hi", "-m", "m1");

    assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG);
    assertThat(result.err())
        .isEqualTo(
            "draft: the api_key_cmd of profile 'work' failed (exit 5); its error output is not"
                + " shown, as it may hold the key: run the command in a shell to see it\n");
    assertNoSecretAnywhere(result);
  }

  /**
   * Neither output stream nor any file under DRAFT_HOME but config.yaml, which the user wrote; the
   * history read with SQL too.
   */
  private void assertNoSecretAnywhere(CliHarness.Result result) throws Exception {
    assertThat(result.all()).doesNotContain(SECRET).doesNotContain("SECRET");
    List<Path> files;
    try (Stream<Path> all = Files.walk(home)) {
      files = all.filter(Files::isRegularFile).filter(f -> !f.equals(cli.configFile())).toList();
    }
    for (Path file : files) {
      assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
          .as("%s", file)
          .doesNotContain("SECRET");
    }
    Path db = home.resolve("history.db");
    if (Files.exists(db)) {
      assertThat(everyValueIn(db)).isNotEmpty().noneMatch(v -> v.contains("SECRET"));
    }
  }

  private static List<String> everyValueIn(Path db) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet t = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (t.next()) {
          tables.add(t.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rows = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              String value = rows.getString(i);
              if (value != null) {
                values.add(value);
              }
            }
          }
        }
      }
    }
    return values;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

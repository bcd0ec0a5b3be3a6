package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CLI tests' server: draft reaches it, and each test starts afresh. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliServerTest {
  @RegisterExtension static final CliServer server = new CliServer();

  /** The home of the test before, to check it is gone. */
  private static Path earlierHome;

  final CliHarness cli = server.cli();
  final Path home = cli.home();

  @Test
  @Order(1)
  void draftReachesTheServerAtItsEndpointFromAnEmptyHome() throws Exception {
    assertThat(home).isEmptyDirectory();
    server.stubFor(get("/v1/models").willReturn(Sse.models("m1", "m2")));

    CliHarness.Result result = cli.run("models", "--base-url", server.endpoint());

    assertThat(result.out()).isEqualTo("m1\nm2\n");
    assertThat(server.endpoint()).isEqualTo("http://" + server.hostPort() + "/v1");
    Files.writeString(home.resolve("left-behind.txt"), "by the first test");
    earlierHome = home;
  }

  @Test
  @Order(2)
  void theNextTestHasANewHomeNoStubsAndNoRequests() {
    assertThat(earlierHome).isNotNull().doesNotExist();
    assertThat(home).isNotEqualTo(earlierHome).isEmptyDirectory();
    assertThat(server.getStubMappings()).isEmpty();
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}

package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.CapabilityStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code draft doctor} names the context window prompts are measured against, and its source. */
class DoctorWindowTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli();
  final Path home = cli.home();
  final String baseUrl = server.endpoint();

  @BeforeEach
  void setUp() {
    server.stubFor(post(urlEqualTo(CHAT)).willReturn(Sse.stream(Sse.answer("OK", 14, 1))));
  }

  private void models(String json) {
    server.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson(json)));
  }

  private String windowRow(String... args) {
    CliHarness.Result result = cli.run(args);
    return result.out().lines().filter(l -> l.contains("context window:")).findFirst().orElse("");
  }

  @Test
  void llamaCppsPerSlotWindowFromItsModelList() {
    models("{\"data\":[{\"id\":\"tiny\",\"meta\":{\"n_ctx\":2048,\"n_ctx_train\":8192}}]}");

    assertThat(windowRow("doctor", "--base-url", baseUrl))
        .isEqualTo("✓ context window: 2,048 tokens (the server's model list)");
  }

  @Test
  void aWindowLearnedFromARefusalIsShownAndKeptThroughTheRefresh() {
    models("{\"data\":[{\"id\":\"tiny\",\"meta\":{\"n_ctx\":4096}}]}");
    CapabilityStore.open(home.resolve("cache/capabilities.json"))
        .update(baseUrl, c -> c.withMaxN(3).withContextWindow("tiny", 2048));

    assertThat(windowRow("doctor", "--base-url", baseUrl))
        .isEqualTo(
            "✓ context window: 2,048 tokens (learned from the server's refusal); the server's"
                + " model list says 4,096");
    var after = CapabilityStore.open(home.resolve("cache/capabilities.json")).get(baseUrl);
    assertThat(after.contextWindow("tiny")).isEqualTo(2048);
    assertThat(after.maxN()).as("what n takes is probed afresh").isNull();
  }

  @Test
  void theProfilesWindowBeatsEverything() {
    models("{\"data\":[{\"id\":\"m1\",\"max_model_len\":32768}]}");
    cli.config(
        """
        profiles:
          local:
            base_url: %s
            model: m1
            context_window: 16000
        """
            .formatted(baseUrl));

    assertThat(windowRow("doctor"))
        .isEqualTo(
            "✓ context window: 16,000 tokens (context_window in the profile); the server's model"
                + " list says 32,768");
  }

  @Test
  void theBuiltInTableForAKnownModelAndUnknownOtherwise() {
    models("{\"data\":[{\"id\":\"gpt-4o\"},{\"id\":\"mystery\"}]}");

    assertThat(windowRow("doctor", "--base-url", baseUrl, "-m", "gpt-4o"))
        .isEqualTo("✓ context window: 128,000 tokens (draft's built-in table)");
    assertThat(windowRow("doctor", "--base-url", baseUrl, "-m", "mystery"))
        .isEqualTo(
            "! context window: unknown: prompts are sent unmeasured (set context_window in the"
                + " profile)");
  }
}

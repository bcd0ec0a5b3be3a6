package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.session.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The commands issue 3 is done with, run from the repository root against a local endpoint
 * (WireMock): an article in three drafts as JSON, a story outline from the example premise, a
 * summary of the example long post.
 */
class ExampleCommandsTest {
  private static final String CHAT = "/v1/chat/completions";

  /** Maven runs the tests in the module root, where examples/ is. */
  private static final Path ROOT = Path.of("").toAbsolutePath();

  @RegisterExtension static final CliServer server = new CliServer();

  final CliHarness cli = server.cli().cwd(ROOT);

  @BeforeEach
  void setUp() {
    cli.config(
        """
        default_profile: local
        profiles:
          local:
            base_url: http://127.0.0.1:%d/v1
            model: qwen2.5-7b-instruct
        """
            .formatted(server.getPort()));
    server.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.n"))
            .willReturn(
                Sse.stream(
                    Sse.body(
                        Sse.role(0),
                        Sse.role(1),
                        Sse.role(2),
                        Sse.text(0, "# One\n\nFirst."),
                        Sse.text(1, "# Two\n\nSecond."),
                        Sse.text(2, "# Three\n\nThird."),
                        Sse.finish(0, "stop"),
                        Sse.finish(1, "stop"),
                        Sse.finish(2, "stop"),
                        Sse.usage(700, 30)))));
    server.stubFor(
        post(CHAT).atPriority(9).willReturn(Sse.stream(Sse.answer("The summary.", 9000, 60))));
    // A long prompt to the user's own server: draft asks what window it grants.
    server.stubFor(get("/v1/models").willReturn(Sse.models("qwen2.5-7b-instruct")));
  }

  private static String example(String name) throws IOException {
    return Files.readString(ROOT.resolve("examples").resolve(name), StandardCharsets.UTF_8);
  }

  private static JsonNode onlyBody() {
    List<JsonNode> bodies = chatBodies(server);
    assertThat(bodies).hasSize(1);
    return bodies.get(0);
  }

  private static String user(JsonNode body) {
    return body.at("/messages/1/content").asText();
  }

  @Test
  void articleInThreeDraftsAsJson() throws IOException {
    CliHarness.Result result =
        cli.run(
            "article",
            "--topic",
            "why writers should outline first",
            "-n",
            "3",
            "--format",
            "json");

    assertThat(result.exitCode()).isZero();
    JsonNode run = JsonText.MAPPER.readTree(result.out());
    assertThat(run.get("run").asText()).isEqualTo(result.runId());
    assertThat(run.get("template").asText()).isEqualTo("article");
    assertThat(run.get("profile").asText()).isEqualTo("local");
    assertThat(run.get("model").asText()).isEqualTo("qwen2.5-7b-instruct");
    assertThat(run.get("drafts")).extracting(d -> d.get("index").asInt()).containsExactly(1, 2, 3);
    assertThat(run.get("drafts"))
        .extracting(d -> d.get("text").asText())
        .containsExactly("# One\n\nFirst.", "# Two\n\nSecond.", "# Three\n\nThird.");
    assertThat(run.get("drafts")).allMatch(d -> d.get("status").asText().equals("complete"));
    assertThat(result.err())
        .isEqualTo(
            "3/3 drafts from qwen2.5-7b-instruct (native) · 700 prompt + 30 completion tokens\n");
    JsonNode sent = onlyBody();
    assertThat(sent.get("n").asInt()).isEqualTo(3);
    assertThat(user(sent))
        .startsWith(
            "Write an article of about 900 words.\n\n"
                + "Subject: why writers should outline first\n"
                + "Readers: curious general readers\n"
                + "Voice: warm\n");
  }

  @Test
  void storyOutlineFromTheExamplePremise() throws IOException {
    String premise = example("premise.md");

    CliHarness.Result result =
        cli.run("story-outline", "examples/premise.md", "--structure", "three-act");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "=== draft 1/3 ===\n# One\n\nFirst.\n\n=== draft 2/3 ===\n# Two\n\nSecond.\n\n"
                + "=== draft 3/3 ===\n# Three\n\nThird.\n");
    JsonNode sent = onlyBody();
    assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/0/content").asText()).startsWith("You are a story editor");
    assertThat(user(sent))
        .startsWith("Outline a story from the premise below.\n\nLength: short-story.")
        .contains("\nStructure: three-act. Use the one that matches from this list:\n")
        .contains("<premise>\n" + premise.strip() + "\n")
        .doesNotContain("Genre:", "Point of view:");
    assertThat(sent.get("temperature").asDouble()).isEqualTo(0.95);
  }

  @Test
  void summaryOfTheExampleLongPost() throws IOException {
    String post = example("long-post.md");
    assertThat(post.split("\\s+")).as("a long post").hasSizeGreaterThan(5000);

    CliHarness.Result result = cli.run("summarize", "examples/long-post.md", "--pick", "1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("The summary.\n");
    assertThat(result.err())
        .isEqualTo("1/1 answer from qwen2.5-7b-instruct · 9000 prompt + 60 completion tokens\n");
    JsonNode sent = onlyBody();
    assertThat(sent.has("n")).isFalse();
    assertThat(sent.get("temperature").asDouble()).isEqualTo(0.3);
    assertThat(user(sent))
        .startsWith(
            "Summarise the text below for someone who has not read the original, in about 250"
                + " words.\n\nForm: prose\n")
        .contains("<text>\n" + post.strip() + "\n")
        .endsWith("</text>\n\nReturn the summary only, with no heading or label.");
  }
}

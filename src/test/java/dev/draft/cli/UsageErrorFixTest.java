package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that cannot work as given are usage errors (exit 2) whose one line names the fix (issue 9,
 * point 7). No endpoint is needed: each stops before any request.
 */
class UsageErrorFixTest {
  @TempDir Path home;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
  }

  @Test
  void aBaseUrlWithoutSchemeIsAUsageErrorSuggestingHttp() {
    CliHarness.Result result = cli.run("ask", "--base-url", "localhost:41007/v1", "-m", "m1", "hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: --base-url must start with http:// or https://, got 'localhost:41007/v1';"
                + " add the scheme: --base-url http://localhost:41007/v1\n");
  }

  @Test
  void openAiBaseUrlWithoutSchemeIsAUsageErrorToo() {
    CliHarness.Result result =
        cli.env("OPENAI_BASE_URL", "127.0.0.1:8080/v1").run("ask", "-m", "m1", "hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "draft: OPENAI_BASE_URL must start with http:// or https://, got '127.0.0.1:8080/v1';"
                + " add the scheme: OPENAI_BASE_URL=http://127.0.0.1:8080/v1\n");
  }

  @Test
  void showOfAnEmptyRunIsAUsageError() {
    CliHarness.Result result = cli.withHistory().run("show", "");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("draft: give a run id, the start of one, or last, e.g. 'draft show last'\n");
  }

  @Test
  void anUnknownDraftHistoryValueIsAUsageErrorNamingTheValidOnes() {
    CliHarness.Result result =
        cli.env("DRAFT_HISTORY", "garbage").run("ask", "--base-url", "http://127.0.0.1:9/v1", "hi");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "draft: DRAFT_HISTORY must be on or off, got 'garbage'; set DRAFT_HISTORY=off to"
                + " record nothing, or unset it\n");
  }

  @Test
  void anUnknownDraftHistoryValueStopsHistoryCommandsToo() {
    CliHarness.Result result = cli.env("DRAFT_HISTORY", "nope").run("history");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("draft: DRAFT_HISTORY must be on or off, got 'nope'");
  }

  @Test
  void draftHistoryOnIsAccepted() {
    CliHarness.Result result = cli.env("DRAFT_HISTORY", "on").run("history");

    assertThat(result.exitCode()).isZero();
  }

  @Test
  void anEmptyValueForARequiredVariableIsRefused() {
    CliHarness.Result result =
        cli.run("article", "--base-url", "http://127.0.0.1:9/v1", "-m", "m1", "--topic", "");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "draft: --topic is required and cannot be empty; give it a value, e.g. --topic"
                + " \"...\"\n");
  }

  @Test
  void aBlankValueForARequiredVariableIsRefusedToo() {
    CliHarness.Result result =
        cli.run("article", "--base-url", "http://127.0.0.1:9/v1", "-m", "m1", "-V", "topic=  ");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("draft: --topic is required and cannot be empty");
  }
}

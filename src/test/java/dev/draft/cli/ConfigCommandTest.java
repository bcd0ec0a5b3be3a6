package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.config.StarterConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  private static final String BROKEN =
      """
      default_profile: work
      profiles:
        work:
          modle: m1
          base_url: http://127.0.0.1:9/v1
      """;

  @TempDir Path home;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
  }

  @Test
  void initWritesTheStarterConfigAndPrintsItsPath() throws Exception {
    CliHarness.Result result = cli.run("config", "init");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(home.resolve("config.yaml") + "\n");
    assertThat(result.err())
        .isEqualTo(
            "draft: wrote a starter config; edit it, then run 'draft doctor' to check the"
                + " endpoint\n");
    assertThat(Files.readString(home.resolve("config.yaml"))).isEqualTo(StarterConfig.text());
  }

  @Test
  void initRefusesToOverwriteWithoutForce() throws Exception {
    cli.config("profiles: {mine: {base_url: http://127.0.0.1:9/v1}}\n");

    CliHarness.Result result = cli.run("config", "init");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: "
                + home.resolve("config.yaml")
                + " already exists; edit it, or run 'draft config init --force' to replace it"
                + " with the starter\n");
    assertThat(Files.readString(home.resolve("config.yaml")))
        .isEqualTo("profiles: {mine: {base_url: http://127.0.0.1:9/v1}}\n");
  }

  @Test
  void initWithForceOverwrites() throws Exception {
    cli.config("profiles: {mine: {base_url: http://127.0.0.1:9/v1}}\n");

    CliHarness.Result result = cli.run("config", "init", "--force");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(home.resolve("config.yaml") + "\n");
    assertThat(Files.readString(home.resolve("config.yaml"), StandardCharsets.UTF_8))
        .isEqualTo(StarterConfig.text());
  }

  @Test
  void initThenShowResolvesTheStarterProfile() {
    cli.run("config", "init");

    CliHarness.Result result = cli.run("config", "show");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            profile           local                               (default)
            base_url          http://127.0.0.1:8080/v1            (profile local)
            model             (not set)                           (default)
            api_key           (none: $OPENAI_API_KEY is not set)  (default)
            timeouts.connect  10s                                 (default)
            timeouts.idle     2m                                  (default)
            max_retries       2                                   (default)
            concurrency       4                                   (default)
            """);
  }

  @Test
  void showPrintsEachSettingWithItsOriginAndTheKeyRedacted() {
    cli.config(
            """
            default_profile: work
            profiles:
              work:
                base_url: http://127.0.0.1:9/v1
                model: profile-model
                api_key_env: WORK_KEY
                max_retries: 1
            """)
        .env("WORK_KEY", CliHarness.SECRET_KEY)
        .env("DRAFT_MODEL", "env-model");

    CliHarness.Result result = cli.run("config", "show", "--timeout", "30s");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo(
            """
            profile           work                   (default)
            base_url          http://127.0.0.1:9/v1  (profile work)
            model             env-model              (env $DRAFT_MODEL)
            api_key           sk-...6789             (env $WORK_KEY)
            timeouts.connect  10s                    (default)
            timeouts.idle     30s                    (flag)
            max_retries       1                      (profile work)
            concurrency       4                      (default)
            """);
    assertThat(result.all()).doesNotContain("SECRET");
  }

  @Test
  void showWithFlagsAndOpenAiVariables() {
    cli.env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
        .env("OPENAI_API_KEY", CliHarness.SECRET_KEY);

    CliHarness.Result result = cli.run("config", "show", "-m", "flag-model");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            profile           (none)                 (default)
            base_url          http://127.0.0.1:9/v1  (env $OPENAI_BASE_URL)
            model             flag-model             (flag)
            api_key           sk-...6789             (env $OPENAI_API_KEY)
            timeouts.connect  10s                    (default)
            timeouts.idle     2m                     (default)
            max_retries       2                      (default)
            concurrency       4                      (default)
            """);
    assertThat(result.all()).doesNotContain("SECRET");
  }

  @Test
  void showWithNothingConfiguredSaysHowToStart() {
    CliHarness.Result result = cli.run("config", "show");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: no endpoint configured: run 'draft config init', set OPENAI_BASE_URL, or"
                + " pass --base-url ('draft doctor' looks for local servers)\n");
  }

  @Test
  void pathPrintsWhereThingsLiveUnderDraftHome() {
    CliHarness.Result result = cli.run("config", "path");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo(
            "config    "
                + home.resolve("config.yaml")
                + "\nprompts   "
                + home.resolve("prompts")
                + "\nhistory   "
                + home.resolve("history.db")
                + "\ncache     "
                + home.resolve("cache")
                + "\n");
  }

  @Test
  void brokenConfigNamesFileAndLineForShow() {
    cli.config(BROKEN);

    CliHarness.Result result = cli.run("config", "show");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: "
                + home.resolve("config.yaml")
                + ":4: unknown key 'modle' in profile 'work' (did you mean 'model'?)\n");
  }

  @Test
  void brokenConfigNamesFileAndLineForAsk() {
    cli.config(BROKEN);

    CliHarness.Result result = cli.run("ask", "hello");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "draft: "
                + home.resolve("config.yaml")
                + ":4: unknown key 'modle' in profile 'work' (did you mean 'model'?)\n");
  }

  @Test
  void brokenConfigIsNotAStackTraceUnlessVerbose() {
    cli.config(BROKEN);

    CliHarness.Result result = cli.run("ask", "hello", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith("draft: " + home.resolve("config.yaml") + ":4: unknown key 'modle'")
        .contains("dev.draft.config.ConfigException: ", "\tat dev.draft.config.ConfigLoader");
  }
}

package dev.draft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShellKeyCommandRunnerTest {
  private final KeyCommandRunner shell = new ShellKeyCommandRunner();

  @Test
  void returnsWhatTheCommandPrintsTrimmed() {
    assertThat(shell.run("p", "printf '  sk-test-123456789abcd\\n'"))
        .isEqualTo("sk-test-123456789abcd");
  }

  @Test
  void takesOnlyTheFirstLineAsPasswordStoresPrintNotesAfterIt() {
    assertThat(shell.run("p", "printf 'sk-test-123456789abcd\\nurl: example.com\\n'"))
        .isEqualTo("sk-test-123456789abcd");
  }

  @Test
  void runsThroughTheShellSoPipesWork() {
    assertThat(shell.run("p", "echo sk-abc-123456789xyz | tr a-z A-Z"))
        .isEqualTo("SK-ABC-123456789XYZ");
  }

  private static final String HIDDEN =
      "; its error output is not shown, as it may hold the key: run the command in a shell to see"
          + " it";

  @Test
  void failureNamesProfileAndExitCodeButNeverWhatTheCommandPrinted() {
    assertThatThrownBy(
            () ->
                shell.run(
                    "work",
                    "printf 'sk-leaked-123456789'; echo 'gpg: decryption failed' >&2;"
                        + " echo 'second line' >&2; exit 2"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the api_key_cmd of profile 'work' failed (exit 2)" + HIDDEN)
        .hasMessageNotContaining("sk-leaked");
  }

  @Test
  void failureNeverQuotesAKeyEchoedOnStderrWhateverItsShape() {
    assertThatThrownBy(
            () ->
                shell.run(
                    "work",
                    "echo '+ export KEY=sk-proj-Abc123def456ghi789' >&2;"
                        + " echo 'token a1b2c3d4e5f6g7h8i9j0k1l2 rejected' >&2; exit 3"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the api_key_cmd of profile 'work' failed (exit 3)" + HIDDEN);
    assertThatThrownBy(
            () ->
                shell.run("work", "echo 'vault: wrong password hunter2Rex for alice' >&2; exit 1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the api_key_cmd of profile 'work' failed (exit 1)" + HIDDEN)
        .hasMessageNotContaining("hunter2Rex");
  }

  @Test
  void failureHidesWhatTheCommandPrintedEvenWhenStderrRepeatsIt() {
    assertThatThrownBy(
            () ->
                shell.run("work", "printf 'hunter2secret'; echo 'bad: hunter2secret' >&2; exit 4"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the api_key_cmd of profile 'work' failed (exit 4)" + HIDDEN);
  }

  @Test
  void failureWithoutStderrSaysSo() {
    assertThatThrownBy(() -> shell.run("work", "exit 3"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "the api_key_cmd of profile 'work' failed (exit 3) without an error message;"
                + " run the command in a shell to check it");
  }

  @Test
  void emptyOutputIsAnError() {
    assertThatThrownBy(() -> shell.run("work", "printf '  \\n'"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "the api_key_cmd of profile 'work' printed nothing; it must print the API key on"
                + " stdout");
  }

  @Test
  void commandCannotReadDraftsStdin() {
    // With stdin inherited, cat would wait for input that never comes.
    assertThatThrownBy(() -> shell.run("work", "cat"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("printed nothing");
  }

  @Test
  void slowCommandIsStoppedAtTheLimit() {
    KeyCommandRunner impatient = new ShellKeyCommandRunner(Duration.ofMillis(300));
    long start = System.nanoTime();

    assertThatThrownBy(() -> impatient.run("work", "sleep 20; printf sk-late-123456789"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("the api_key_cmd of profile 'work' did not finish within 300ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}

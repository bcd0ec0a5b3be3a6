package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ChatMessage;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoSecretsTest {
  private static final String KEY = "sk-draft-test-9f8e7d6c5b4a39281706";

  @TempDir Path dir;

  /**
   * Stands in for the command line: it holds the key in its environment, as a real run does, and
   * records the run from its ordinary fields. Nothing in the store's API can take the key.
   */
  private record Caller(Map<String, String> env, String baseUrl, String model) {
    NewRun run(String id) {
      return TestRuns.run(id)
          .baseUrl(baseUrl)
          .model(model)
          .variables(Map.of("topic", "tea", "audience", "gardeners"))
          .messages(
              List.of(
                  ChatMessage.system("You are a features editor."),
                  ChatMessage.user("Write about tea for gardeners.")))
          .build();
    }
  }

  @Test
  void aKeyInTheCallersEnvironmentIsNowhereInTheFile() throws IOException {
    Caller caller =
        new Caller(
            Map.of("OPENAI_API_KEY", KEY, "HOME", "/home/writer"),
            "https://api.example.com/v1",
            "gpt-4o-mini");
    Path file = dir.resolve("history.db");

    try (HistoryStore store = HistoryStore.open(file)) {
      NewRun run = caller.run("r1aaaaaaaa");
      store.startRun(run);
      store.saveProgress(run.id(), 1, "Tea grows best", null);
      store.finishDraft(run.id(), TestRuns.complete(1, "Tea grows best on slopes."), 300L, 900L);
      store.finishDraft(run.id(), TestRuns.complete(2, "Gardeners love tea."), 310L, 950L);
      store.finishRun(run.id(), new Usage(24, 68), 0.0012, "native");
      store.addEvent(run.id(), 1, "pick", "{\"by\":\"user\"}");

      assertThat(anyFileOf(dir, "Tea grows best on slopes.")).as("the search works").isTrue();
      assertNoKeyInAnyFileOf(dir, KEY);
    }
    assertThat(anyFileOf(dir, "Tea grows best on slopes.")).isTrue();
    assertNoKeyInAnyFileOf(dir, KEY);
  }

  @Test
  void userInfoInABaseUrlIsNotStored() throws IOException {
    Path file = dir.resolve("history.db");

    try (HistoryStore store = HistoryStore.open(file)) {
      store.startRun(
          TestRuns.run("r1aaaaaaaa").baseUrl("https://user:sk-secret@host.example/v1").build());

      assertThat(store.run("r1aaaaaaaa").orElseThrow().baseUrl())
          .isEqualTo("https://***@host.example/v1");
      assertNoKeyInAnyFileOf(dir, "sk-secret");
    }
    assertNoKeyInAnyFileOf(dir, "sk-secret");
  }

  @Test
  void aUrlWithASecretInADraftsErrorIsStoredRedacted() throws IOException {
    Path file = dir.resolve("history.db");

    try (HistoryStore store = HistoryStore.open(file)) {
      store.startRun(TestRuns.run("r1aaaaaaaa").build());
      store.finishDraft(
          "r1aaaaaaaa",
          new Draft(
              1,
              "Tea",
              null,
              Status.FAILED,
              null,
              "request to http://u:sk-secret@host/v1?api-key=sk-secret failed: reset",
              null),
          null,
          10L);

      assertThat(store.run("r1aaaaaaaa").orElseThrow().drafts().get(0).error())
          .isEqualTo("request to http://***@host/v1?api-key=*** failed: reset");
    }
    assertNoKeyInAnyFileOf(dir, "sk-secret");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://user:sk-secret@host/v1            | https://***@host/v1",
        "https://sk-secret@host:8443/v1            | https://***@host:8443/v1",
        "http://a:b:c@127.0.0.1:8080/v1            | http://***@127.0.0.1:8080/v1",
        "https://host/v1?api-key=sk-secret         | https://host/v1?api-key=***",
        "https://host/v1#sk-secret                 | https://host/v1#***",
        "https://u:p@[::1]:8080/v1/                | https://***@[::1]:8080/v1/",
        "user:sk-secret@host/v1                    | ***@host/v1",
        "http://u:pa/sk-secret@host/v1             | http://***@host/v1",
        // an @ in the path is taken for user info: the safe side
        "https://host.example/v1/chat@not-userinfo | https://***@not-userinfo",
        "https://host.example/v1                   | https://host.example/v1",
        "'  http://127.0.0.1:11434/v1  '           | http://127.0.0.1:11434/v1",
      })
  void baseUrlsAreStoredRedacted(String given, String stored) {
    assertThat(TestRuns.run("r1aaaaaaaa").baseUrl(given).build().baseUrl()).isEqualTo(stored);
  }

  private static boolean anyFileOf(Path dir, String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    for (Path file : files(dir)) {
      if (indexOf(Files.readAllBytes(file), needle) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static void assertNoKeyInAnyFileOf(Path dir, String key) throws IOException {
    byte[] needle = key.getBytes(StandardCharsets.UTF_8);
    List<Path> files = files(dir);
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("history.db");
    for (Path file : files) {
      assertThat(indexOf(Files.readAllBytes(file), needle))
          .as("position of the key in %s", file.getFileName())
          .isEqualTo(-1);
    }
  }

  // The database and whatever SQLite keeps beside it: -wal, -shm, a journal.
  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> all = Files.list(dir)) {
      return all.toList();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ChatMessage;
import dev.draft.history.HistoryStore;
import dev.draft.history.NewRun;
import dev.draft.history.RunParams;
import dev.draft.text.DisplayWidth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables of {@code draft history}, {@code draft templates list} and {@code draft config show}
 * line up on a terminal when a cell holds Chinese, Japanese or Korean text, whose characters take
 * two columns each.
 */
class CjkColumnsTest {
  @TempDir Path home;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
  }

  /** The terminal column where the last {@code marker} starts in {@code line}. */
  private static int columnOf(String line, String marker) {
    int at = line.lastIndexOf(marker);
    assertThat(at).as("'%s' in '%s'", marker, line).isNotNegative();
    return DisplayWidth.of(line.substring(0, at));
  }

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\n"));
  }

  private static String lineContaining(List<String> lines, String text) {
    return lines.stream()
        .filter(l -> l.contains(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line with '" + text + "' in " + lines));
  }

  private void record(String id, String template, String model) {
    try (HistoryStore store = HistoryStore.open(home.resolve("history.db"))) {
      NewRun.Builder run =
          NewRun.builder(id)
              .createdAt(CliHarness.NOW)
              .messages(List.of(ChatMessage.user("hi")))
              .params(RunParams.of(1))
              .model(model);
      if (template != null) {
        run.template(template, "---\ndescription: x\n---\nhi\n");
      }
      store.startRun(run.build());
    }
  }

  @Test
  void historyLinesUpATemplateAndModelWrittenInChineseAndJapanese() {
    record("r1aaaaaaaa", "article", "gpt-4o-mini");
    record("r1bbbbbbbb", "議事録", "通义千问-max");
    record("r1cccccccc", null, "qwen-회의");

    CliHarness.Result result = cli.run("history");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = lines(result.out());
    assertThat(lines).hasSize(3);
    String ascii = lineContaining(lines, "r1aaaaaaaa");
    String japanese = lineContaining(lines, "r1bbbbbbbb");
    String korean = lineContaining(lines, "r1cccccccc");
    // The model column starts after the template's; the draft count after the model's.
    assertThat(columnOf(japanese, "通义")).isEqualTo(columnOf(ascii, "gpt-4o-mini"));
    int count = columnOf(ascii, " 1  ");
    assertThat(columnOf(japanese, " 1  ")).isEqualTo(count);
    assertThat(columnOf(korean, " 1  ")).isEqualTo(count);
    assertThat(japanese).contains("議事録         通义千问-max            1  ");
  }

  @Test
  void templatesListLinesUpDescriptionsInChineseJapaneseAndKorean() throws IOException {
    Path prompts = Files.createDirectories(home.resolve("prompts"));
    Files.writeString(prompts.resolve("memo.md"), "---\ndescription: A memo\n---\nHi\n");
    Files.writeString(prompts.resolve("zh.md"), "---\ndescription: 把会议记录写成备忘录\n---\nHi\n");
    Files.writeString(prompts.resolve("ja.md"), "---\ndescription: 議事録をまとめる\n---\nHi\n");
    Files.writeString(prompts.resolve("ko.md"), "---\ndescription: 회의록 요약\n---\nHi\n");

    CliHarness.Result result = cli.run("templates", "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = lines(result.out());
    int source = columnOf(lineContaining(lines, "A memo"), "user");
    for (String description : List.of("把会议记录写成备忘录", "議事録をまとめる", "회의록 요약")) {
      String line = lineContaining(lines, description);
      assertThat(line).endsWith("  user");
      assertThat(columnOf(line, "user")).as(line).isEqualTo(source);
    }
    // The built-in templates' longer descriptions set the column for all of them.
    assertThat(lines)
        .filteredOn(l -> l.endsWith("  built-in"))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(columnOf(l, "built-in")).as(l).isEqualTo(source));
  }

  @Test
  void configShowLinesUpAModelNamedInChinese() {
    cli.config("profiles:\n  local:\n    base_url: http://127.0.0.1:9/v1\n");

    CliHarness.Result result = cli.run("config", "show", "-m", "通义千问-max-长文本");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = lines(result.out());
    int origin = columnOf(lineContaining(lines, "base_url"), "  (") + 2;
    assertThat(lines)
        .hasSizeGreaterThan(5)
        .allSatisfy(l -> assertThat(columnOf(l, "  (") + 2).as(l).isEqualTo(origin))
        .contains("model             通义千问-max-长文本                 (flag)");
  }
}

package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagConvertersTest {
  @TempDir Path home;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
  }

  @Test
  void durationsReadTheirUnits() {
    assertThat(new DurationConverter().convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(new DurationConverter().convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(new DurationConverter.Age().convert("7d")).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> new DurationConverter().convert("soon"))
        .isInstanceOf(FlagValueException.class)
        .hasMessage("takes a duration such as 90s, 5m or 500ms, got 'soon'");
  }

  @Test
  void sinceIsADurationBackOrTheStartOfADay() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    assertThat(new Since.Converter().convert("12h").from(clock))
        .isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
    assertThat(new Since.Converter().convert("2026-11-01").from(clock))
        .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
  }

  @Test
  void pickIsANumberOrJudgeInAnyCase() {
    assertThat(new Pick.Converter().convert(" 3 ")).isEqualTo(new Pick(3, false));
    assertThat(new Pick.Converter().convert("Judge")).isEqualTo(new Pick(0, true));
    assertThatThrownBy(() -> new Pick.Converter().convert("best"))
        .isInstanceOf(FlagValueException.class);
  }

  @Test
  void aRefusedValueIsOneLineNamingTheFlagWithExitTwo() {
    CliHarness.Result prune = cli.run("history", "prune", "--older-than", "forever", "--yes");
    assertThat(prune.exitCode()).isEqualTo(2);
    assertThat(prune.err())
        .isEqualTo("draft: --older-than takes an age such as 90d, 12h or 30m, got 'forever'\n");

    CliHarness.Result shortName = cli.run("ask", "--pick", "first", "hi");
    assertThat(shortName.exitCode()).isEqualTo(2);
    assertThat(shortName.err())
        .isEqualTo("draft: --pick takes a candidate number or 'judge', got 'first'\n");
  }

  @Test
  void aPickOutsideTheCandidatesIsRefusedBeforeAnythingIsSent() {
    CliHarness.Result zero = cli.run("ask", "--pick", "0", "-n", "2", "hi");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).isEqualTo("draft: --pick takes a candidate number from 1 to 2, got 0\n");
  }
}

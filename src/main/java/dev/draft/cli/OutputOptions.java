package dev.draft.cli;

import dev.draft.session.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What to print: the format, and which candidate. */
public final class OutputOptions {
  /** The output formats of DESIGN §6. */
  enum Format {
    text,
    md,
    json,
    jsonl
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default text).")
  Format format = Format.text;

  @Option(
      names = "--pick",
      paramLabel = "K|judge",
      converter = Pick.Converter.class,
      description =
          "Print only candidate K (counting from 1), or, with 'judge', the one a judge model"
              + " ranks best (the ranking goes to stderr).")
  Pick pick;

  @Option(
      names = "--no-pick",
      description = "Never open the interactive compare/pick view, even on a terminal.")
  boolean noPick;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write to FILE instead of stdout; several drafts go to FILE-1.md, FILE-2.md, …"
              + " (unless --pick).")
  Path output;

  @Option(
      names = "--out-dir",
      paramLabel = "DIR",
      description = "Write each draft to DIR/<run>-K.md (created if missing).")
  Path outDir;

  @Option(names = "--no-history", description = "Do not record this run in the history.")
  boolean noHistory;

  /**
   * Checks the flags against each other and {@code --pick K} against the run's {@code n}
   * candidates, before anything is sent.
   */
  void check(int n) {
    if (output != null && outDir != null) {
      throw new UsageException("use either -o FILE or --out-dir DIR, not both");
    }
    if (pick != null && !pick.judge() && (pick.number() < 1 || pick.number() > n)) {
      throw new UsageException(
          "--pick takes a candidate number from 1 to " + n + ", got " + pick.number());
    }
  }

  /** Whether the product goes to files rather than stdout. */
  boolean toFiles() {
    return output != null || outDir != null;
  }

  /** The candidate {@code --pick K} names; 0 without {@code --pick} or with {@code judge}. */
  int pick() {
    return pick == null || pick.judge() ? 0 : pick.number();
  }

  /** Whether {@code --pick judge} asks a judge model to choose. */
  boolean judge() {
    return pick != null && pick.judge();
  }
}

package dev.draft.cli;

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
      paramLabel = "K",
      description = "Print only candidate K (counting from 1).")
  Integer pick;

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

  void check() {
    if (output != null && outDir != null) {
      throw new UsageException("use either -o FILE or --out-dir DIR, not both");
    }
  }

  /** Whether the product goes to files rather than stdout. */
  boolean toFiles() {
    return output != null || outDir != null;
  }

  int pick(int n) {
    if (pick != null && (pick < 1 || pick > n)) {
      throw new UsageException("--pick takes a candidate number from 1 to " + n + ", got " + pick);
    }
    return pick == null ? 0 : pick;
  }
}

package dev.draft.cli;

import picocli.CommandLine.Option;

/** What to print: the format, and which candidate. */
public final class OutputOptions {
  /** The output formats of DESIGN §6. */
  enum Format {
    text,
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

  int pick(int n) {
    if (pick != null && (pick < 1 || pick > n)) {
      throw new UsageException("--pick takes a candidate number from 1 to " + n + ", got " + pick);
    }
    return pick == null ? 0 : pick;
  }
}

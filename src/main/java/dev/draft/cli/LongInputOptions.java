package dev.draft.cli;

import dev.draft.longdoc.Strategy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** What to do with an input longer than the model's window, and whether to only show the plan. */
public final class LongInputOptions {
  @Option(
      names = "--long-input",
      paramLabel = "HOW",
      converter = StrategyConverter.class,
      description =
          "For an input longer than the model's window: map-reduce (notes on every part, then the"
              + " result), refine (the parts in order, notes carried along: for stories), truncate"
              + " (only the start that fits) or error (default: the template's long_input, else"
              + " error).")
  Strategy strategy;

  @Option(
      names = "--dry-run",
      description =
          "Print the plan (the input's parts, their tokens and headings, the calls, an estimated"
              + " cost) and send nothing.")
  boolean dryRun;

  @Option(
      names = "--reread",
      description =
          "Read a long input again, even when a past run took notes on the same input with the"
              + " same prompts (by default those notes are used, and no part is paid for twice).")
  boolean reread;

  /** The strategy asked for: the flag's, else the template's, else {@code error}. */
  Strategy strategy(String templates) {
    if (strategy != null) {
      return strategy;
    }
    return templates == null ? Strategy.ERROR : Strategy.named(templates);
  }

  /** Reads {@code --long-input}. */
  static final class StrategyConverter implements ITypeConverter<Strategy> {
    @Override
    public Strategy convert(String value) {
      try {
        return Strategy.named(value);
      } catch (IllegalArgumentException e) {
        throw new FlagValueException(
            "takes map-reduce, refine, truncate or error, got '" + value + "'");
      }
    }
  }
}

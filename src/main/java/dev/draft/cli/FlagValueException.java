package dev.draft.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * A flag's value that draft's converters refuse, worded to follow the flag's name: {@code takes a
 * duration such as 90s, got 'abc'}. The command line prints it as {@code draft: --timeout takes …},
 * exit 2, like every usage error.
 */
final class FlagValueException extends TypeConversionException {
  private static final long serialVersionUID = 1L;

  FlagValueException(String takes) {
    super(takes);
  }
}

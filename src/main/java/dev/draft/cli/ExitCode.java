package dev.draft.cli;

import dev.draft.session.Interrupts;

/** The exit codes of DESIGN §6: a contract with scripts. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int CONFIG = 3;
  public static final int ENDPOINT = 4;
  public static final int PARTIAL = 5;
  public static final int INTERRUPTED = Interrupts.SIGINT_EXIT;

  /** Stopped by SIGTERM: the partial drafts are kept and printed, as after Ctrl-C. */
  public static final int TERMINATED = Interrupts.SIGTERM_EXIT;

  private ExitCode() {}
}

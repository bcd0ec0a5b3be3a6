package dev.draft.cli;

import dev.draft.session.Context;
import dev.draft.session.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code draft run <template>}: every template, also one named like a built-in command. The
 * templates are added as its subcommands when the command line is built.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a template: draft run TEMPLATE [INPUT...] [--variable VALUE...].",
      "The same as draft TEMPLATE, and works when a template is named like a command."
    })
public final class RunCommand implements Runnable {
  @Spec CommandSpec spec;

  private final Context context;

  public RunCommand(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    throw new UsageException(
        "name a template: draft run TEMPLATE (draft templates list shows them)");
  }
}

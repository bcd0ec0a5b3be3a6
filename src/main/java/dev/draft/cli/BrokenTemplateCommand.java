package dev.draft.cli;

import dev.draft.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Stands in for a template that does not load: whatever it is given, it reports why (exit 3). */
@Command
final class BrokenTemplateCommand implements Callable<Integer> {
  @Unmatched List<String> ignored = new ArrayList<>();

  private final TemplateException problem;

  BrokenTemplateCommand(TemplateException problem) {
    this.problem = problem;
  }

  @Override
  public Integer call() {
    throw problem;
  }
}

package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draft.template.Source;
import dev.draft.template.TemplateException;
import dev.draft.template.TemplateLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The template loader's list of names a variable may not take must cover every long option a
 * template command has, or a variable named like one breaks the command line instead of failing as
 * a template error with its line.
 */
class ReservedVariableNamesTest {
  @TempDir Path home;

  @Test
  void everyOptionOfATemplateCommandIsRefusedAsAVariableName() {
    CommandLine article =
        new Cli(new CliHarness(home).context()).commandLine().getSubcommands().get("article");
    List<String> options =
        article.getCommandSpec().options().stream()
            .filter(o -> o.group() == null)
            .map(OptionSpec::longestName)
            .filter(name -> name.startsWith("--"))
            .map(name -> name.substring(2).replace('-', '_'))
            .toList();
    assertThat(options).contains("output", "out_dir", "model", "help");

    for (String name : options) {
      String text =
          "---\ndescription: clash\nvariables:\n  "
              + name
              + ": {description: x}\n---\n{{"
              + name
              + "}}\n";
      assertThatThrownBy(() -> TemplateLoader.load("clash", Source.USER, "clash.md", text))
          .as("variable named %s", name)
          .isInstanceOf(TemplateException.class)
          .hasMessageStartingWith("clash.md:4: ");
    }
  }
}

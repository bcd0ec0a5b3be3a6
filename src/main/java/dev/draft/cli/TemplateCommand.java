package dev.draft.cli;

import dev.draft.client.ChatMessage;
import dev.draft.client.ChatRequest;
import dev.draft.longdoc.Strategy;
import dev.draft.session.Context;
import dev.draft.session.EndpointSession;
import dev.draft.session.PlannedRun;
import dev.draft.session.PromptCheck;
import dev.draft.session.Prompts;
import dev.draft.session.Requests;
import dev.draft.session.RunOrigin;
import dev.draft.session.Sampling;
import dev.draft.session.TemplateInput;
import dev.draft.session.TokenCounting;
import dev.draft.template.Template;
import dev.draft.template.TemplateException;
import dev.draft.template.TemplateRef;
import dev.draft.template.TemplateRenderer;
import dev.draft.template.TemplateValues;
import dev.draft.template.Variable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code draft <template>}: one template as a command, its variables as options. Built at start-up
 * from the template's file, so {@code --help} lists each variable with its description and default.
 */
@Command(sortOptions = false)
final class TemplateCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "INPUT",
      arity = "0..*",
      description = "Input files ('-' for stdin; piped stdin works too); several are joined.")
  List<String> inputs = new ArrayList<>();

  // -V is taken for variables (DESIGN §2), so the standard -h/-V pair cannot be mixed in.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help, with the template's variables.")
  boolean help;

  @Option(
      names = "-V",
      paramLabel = "NAME=VALUE",
      description = "Set any variable, e.g. -V topic=rivers.")
  Map<String, String> assignments = new LinkedHashMap<>();

  @Mixin EndpointOptions endpoint;
  @Mixin GenerationOptions generation;
  @Mixin OutputOptions output;
  @Mixin LongInputOptions longInput;

  private final Context context;
  private final Template template;
  private CommandSpec spec;

  private TemplateCommand(Context context, Template template) {
    this.context = context;
    this.template = template;
  }

  /** The template's description, then where it lives and what input it takes. */
  static String[] about(TemplateRef ref, Template template) {
    List<String> about = new ArrayList<>();
    if (template.description() != null) {
      about.add(template.description());
    }
    about.add("Template: " + ref.location());
    about.add(
        "Input: "
            + switch (template.input()) {
              case REQUIRED -> "required (files or stdin)";
              case OPTIONAL -> "optional (files or stdin)";
              case NONE -> "none";
            }
            + (template.n() == null ? "" : "; candidates: " + template.n() + " unless -n says"));
    return about.toArray(String[]::new);
  }

  /** The command for {@code template}: the shared options plus one option per variable. */
  static CommandSpec spec(Context context, TemplateRef ref, Template template, IFactory factory) {
    TemplateCommand command = new TemplateCommand(context, template);
    CommandSpec spec = CommandSpec.forAnnotatedObject(command, factory);
    command.spec = spec;
    spec.name(ref.name());
    if (template.n() != null) {
      // The shared -n says "default 1"; this template has its own default.
      OptionSpec n = spec.findOption("-n");
      spec.remove(n);
      spec.addOption(
          n.toBuilder()
              .description(
                  "How many candidates to generate (1-"
                      + GenerationOptions.MAX_N
                      + ", default "
                      + template.n()
                      + " for this template).")
              .build());
    }
    spec.usageMessage().description(about(ref, template));
    if (!template.variables().isEmpty()) {
      ArgGroupSpec.Builder variables =
          ArgGroupSpec.builder().heading("Variables:%n").exclusive(false).validate(false);
      for (Variable variable : template.variables().values()) {
        if (spec.findOption(variable.optionName()) != null) {
          // The loader refuses the option names it knows; this catches any it does not.
          throw new TemplateException(
              ref.location(),
              0,
              "variable '"
                  + variable.name()
                  + "' clashes with draft's own "
                  + variable.optionName()
                  + " option (rename it, e.g. to '"
                  + variable.name()
                  + "_text')");
        }
        variables.addArg(
            OptionSpec.builder(variable.optionName())
                .paramLabel(variable.name().toUpperCase(Locale.ROOT))
                .type(String.class)
                .description(describe(variable))
                .build());
      }
      spec.addArgGroup(variables.build());
    }
    return spec;
  }

  private static String describe(Variable variable) {
    StringBuilder text = new StringBuilder(variable.description().strip());
    if (!variable.choices().isEmpty()) {
      if (!text.toString().matches(".*[.!?:]$")) {
        text.append('.');
      }
      text.append(" One of: ").append(String.join(", ", variable.choices())).append('.');
    }
    if (variable.required()) {
      text.append(" (required)");
    } else if (variable.defaultValue() != null) {
      text.append(" (default: ").append(variable.defaultValue()).append(')');
    }
    return text.toString();
  }

  @Override
  public Integer call() throws IOException {
    // Every usage error before the endpoint is touched.
    int n = generation.n(template.n() == null ? 1 : template.n());
    output.check(n);
    Sampling sampling = generation.sampling();
    Map<String, String> values = TemplateValues.resolve(template, given());
    String input = TemplateInput.read(context, template, inputs);
    TokenCounting.prefetch(input);
    List<ChatMessage> messages = Prompts.messages(TemplateRenderer.render(template, values, input));

    EndpointSession session = EndpointSession.open(context, endpoint.flags(), template.model());
    ChatRequest request = Requests.of(messages).flags(sampling).template(template).build();
    RunOrigin origin =
        new RunOrigin(
            template.name(),
            template.text(),
            values,
            input == null ? null : (inputs.isEmpty() ? "stdin" : String.join(", ", inputs)),
            input);
    String what = input == null ? "the prompt" : "the input";
    PromptCheck.Measured measured = PromptCheck.measure(session, request, what);
    Strategy strategy = longInput.strategy(template.longInput());
    if (longInput.dryRun || LongInputRun.needed(measured, input, strategy)) {
      return new LongInputRun(context, session, template, values, input, sampling)
          .run(
              measured,
              strategy,
              longInput.dryRun,
              longInput.reread,
              origin,
              generation.vary,
              n,
              output);
    }
    PlannedRun run =
        PlannedRun.plan(
            context, session, origin, generation.vary, request, n, what, context.err()::println);
    return new RunPrinter(context, session, output).generate(run);
  }

  /** The variable options given, then {@code -V}; an option beats a {@code -V} of the same name. */
  private Map<String, String> given() {
    Map<String, String> given = new LinkedHashMap<>(assignments);
    for (Variable variable : template.variables().values()) {
      String value = spec.findOption(variable.optionName()).getValue();
      if (value != null) {
        given.put(variable.name(), value);
      }
    }
    return given;
  }
}

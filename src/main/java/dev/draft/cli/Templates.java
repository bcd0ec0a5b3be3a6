package dev.draft.cli;

import dev.draft.session.Context;
import dev.draft.template.Template;
import dev.draft.template.TemplateException;
import dev.draft.template.TemplateLibrary;
import dev.draft.template.TemplateRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;

/** The template library of a context, and its templates as commands. */
final class Templates {
  private Templates() {}

  /**
   * Adds every template not named like a reserved tool prompt ({@code _name}) as a subcommand of
   * {@code parent}, skipping names in {@code taken} (built-in commands win at the top level; {@code
   * draft run NAME} reaches those). With {@code outlines} each is only its name and description,
   * all that a list of commands (the root help, picocli's suggestions) reads of it.
   */
  static void register(
      CommandLine parent,
      Context context,
      TemplateLibrary library,
      IFactory factory,
      Set<String> taken,
      Predicate<String> wanted,
      boolean outlines) {
    for (TemplateRef ref : library.all()) {
      if (ref.name().startsWith("_") || taken.contains(ref.name()) || !wanted.test(ref.name())) {
        continue;
      }
      parent.addSubcommand(ref.name(), command(context, ref, factory, outlines));
    }
  }

  /** No template at all: a built-in command needs the library neither listed nor loaded. */
  static final Predicate<String> NONE = name -> false;

  /** Every template: a list of them is printed, or a name that matches none needs suggestions. */
  static final Predicate<String> ALL = name -> true;

  /** Which templates {@code args} can reach (see {@link Cli#commandLine(String[])}). */
  static Predicate<String> reachable(
      String[] args, Set<String> builtins, Predicate<String> exists) {
    List<String> words = words(args);
    if (words.isEmpty()) {
      boolean version = List.of(args).contains("--version") || List.of(args).contains("-V");
      return version ? NONE : ALL;
    }
    String first = words.get(0);
    if (first.equals("run")) {
      return words.size() > 1 && exists.test(words.get(1)) ? words.get(1)::equals : ALL;
    }
    if (first.equals("completion")) {
      return ALL;
    }
    if (builtins.contains(first)) {
      return NONE;
    }
    return exists.test(first) ? first::equals : ALL;
  }

  /**
   * The arguments that are not options, up to {@code --}: the first names the command. No option of
   * the root command takes a value, so none of its values can be taken for a command's name.
   */
  static List<String> words(String[] args) {
    List<String> words = new ArrayList<>();
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        words.add(arg);
      } else if (arg.equals("--")) {
        break;
      }
    }
    return words;
  }

  static CommandLine command(Context context, TemplateRef ref, IFactory factory, boolean outline) {
    try {
      Template template = ref.load();
      if (outline) {
        CommandSpec spec = CommandSpec.create().name(ref.name());
        spec.usageMessage().description(TemplateCommand.about(ref, template));
        return new CommandLine(spec, factory);
      }
      return new CommandLine(TemplateCommand.spec(context, ref, template, factory), factory);
    } catch (TemplateException broken) {
      // A broken template must not break every other command: it fails when it is used.
      CommandSpec spec = CommandSpec.forAnnotatedObject(new BrokenTemplateCommand(broken), factory);
      spec.name(ref.name());
      spec.usageMessage().description("(broken: " + broken.getMessage() + ")");
      return new CommandLine(spec, factory);
    }
  }

  /** The root help lists the built-in commands, then the templates under their own heading. */
  static void listApart(CommandLine root, Set<String> builtins) {
    Map<String, IHelpSectionRenderer> sections = root.getHelpSectionMap();
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
        help -> help.commandList(only(help, builtins, true)));
    sections.put(
        "templates",
        help -> {
          Map<String, Help> templates = only(help, builtins, false);
          return templates.isEmpty()
              ? ""
              : String.format("%nTemplates (draft TEMPLATE --help shows a template's variables):%n")
                  + help.commandList(templates);
        });
    List<String> keys = new ArrayList<>(root.getHelpSectionKeys());
    keys.add(
        keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST) + 1, "templates");
    root.setHelpSectionKeys(keys);
  }

  private static Map<String, Help> only(Help help, Set<String> builtins, boolean wanted) {
    Map<String, Help> chosen = new LinkedHashMap<>();
    help.subcommands()
        .forEach(
            (name, sub) -> {
              if (builtins.contains(name) == wanted) {
                chosen.put(name, sub);
              }
            });
    return chosen;
  }
}

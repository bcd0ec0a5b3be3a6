package dev.draft.cli;

import dev.draft.session.Context;
import dev.draft.session.JsonText;
import dev.draft.session.Prompts;
import dev.draft.session.UsageException;
import dev.draft.template.Problem;
import dev.draft.template.Source;
import dev.draft.template.Template;
import dev.draft.template.TemplateCheck;
import dev.draft.template.TemplateException;
import dev.draft.template.TemplateFiles;
import dev.draft.template.TemplateImporter;
import dev.draft.template.TemplateLibrary;
import dev.draft.template.TemplateLoader;
import dev.draft.template.TemplateNames;
import dev.draft.template.TemplateRef;
import dev.draft.template.TemplateSkeleton;
import dev.draft.template.TemplateSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code draft templates}: list, show, create, edit, check and import templates. */
@Command(
    name = "templates",
    mixinStandardHelpOptions = true,
    description = "List, show, create, edit, check and import templates.",
    subcommands = {
      TemplatesCommand.ListCmd.class,
      TemplatesCommand.Show.class,
      TemplatesCommand.New.class,
      TemplatesCommand.Edit.class,
      TemplatesCommand.Lint.class,
      TemplatesCommand.PathCmd.class,
      TemplatesCommand.Import.class
    })
public final class TemplatesCommand implements Runnable {
  @Spec CommandSpec spec;

  private final Context context;

  public TemplatesCommand(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out(), Cli.helpColours(context));
  }

  /** {@code draft templates list}: every template that wins its name. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the templates: name, description and where each comes from.")
  public static final class ListCmd implements Callable<Integer> {
    @Option(
        names = "--json",
        description = "Print a JSON array of {name, description, source, location, broken}.")
    boolean json;

    private final Context context;

    public ListCmd(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      List<TemplateSummary> all = TemplateSummary.of(Prompts.library(context));
      if (json) {
        context.out().println(JsonText.write(TemplateTable.json(all)));
      } else {
        TemplateTable.print(context.out(), all);
      }
      return ExitCode.OK;
    }
  }

  /** {@code draft templates show NAME}: where a template is, what it takes, and its file. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show where a template comes from, its variables and settings, and its file.")
  public static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The template, e.g. article or _angles.")
    String name;

    private final Context context;

    public Show(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      TemplateLibrary library = Prompts.library(context);
      TemplateRef ref = find(library, name, "'draft templates list' shows them");
      String text = ref.text().get();
      Template template = null;
      TemplateException broken = null;
      try {
        template = TemplateLoader.load(ref.name(), ref.source(), ref.location(), text);
      } catch (TemplateException e) {
        broken = e;
      }
      TemplateTable.details(context.out(), ref, library.shadowed(name), template);
      context.out().println();
      context.out().print(text.endsWith("\n") ? text : text + "\n");
      if (broken != null) {
        throw broken; // after the file, so the user sees the line the message names
      }
      return ExitCode.OK;
    }
  }

  /** {@code draft templates new NAME}: a commented skeleton in the user's folder. */
  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = {
        "Write a commented template skeleton to the user's prompts folder and print its path.",
        "On a terminal it opens in $VISUAL or $EDITOR, and is checked when the editor closes."
      })
  public static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Lowercase letters, digits and '-'.")
    String name;

    private final Context context;

    public New(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      checkName(name);
      Path file = context.dirs().promptsDir().resolve(name + ".md");
      Optional<TemplateRef> existing = Prompts.library(context).find(name);
      Files.createDirectories(file.getParent());
      try {
        Files.writeString(file, TemplateSkeleton.text(name), StandardOpenOption.CREATE_NEW);
      } catch (FileAlreadyExistsException e) {
        throw new UsageException(
            file + " already exists (change it with 'draft templates edit " + name + "')");
      }
      warnAboutName(context, spec, name);
      existing.ifPresent(this::warnAboutOverride);
      context.out().println(file);
      return TemplateEditing.openAndLint(context, name, file, true);
    }

    private void warnAboutOverride(TemplateRef ref) {
      if (ref.source() == Source.BUILTIN) {
        context
            .err()
            .println(
                "draft: the new "
                    + name
                    + " overrides the built-in one ('draft templates edit "
                    + name
                    + "' would start from its text)");
      } else if (ref.source() == Source.PROJECT) {
        context
            .err()
            .println(
                "draft: in this folder the project's " + ref.location() + " wins over the new one");
      }
    }
  }

  /** {@code draft templates edit NAME}: the template in the editor, a built-in one copied first. */
  @Command(
      name = "edit",
      mixinStandardHelpOptions = true,
      description = {
        "Open a template in $VISUAL or $EDITOR and check it when the editor closes.",
        "A built-in template is copied to the user's prompts folder first; the copy overrides it."
      })
  public static final class Edit implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The template, e.g. article or _angles.")
    String name;

    private final Context context;

    public Edit(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      TemplateRef ref =
          find(Prompts.library(context), name, "'draft templates new " + name + "' creates one");
      // A project template is edited where it is: a user copy would lose to it in this folder.
      Path file = ref.source() == Source.BUILTIN ? copyToUser(ref) : Path.of(ref.location());
      return TemplateEditing.openAndLint(context, name, file, false);
    }

    private Path copyToUser(TemplateRef ref) throws IOException {
      Path file = context.dirs().promptsDir().resolve(ref.name() + ".md");
      Files.createDirectories(file.getParent());
      Files.writeString(file, ref.text().get(), StandardOpenOption.CREATE_NEW);
      context
          .err()
          .println(
              "draft: copied the built-in "
                  + ref.name()
                  + " to "
                  + file
                  + "; your copy overrides it (delete the copy to go back)");
      return file;
    }
  }

  /** {@code draft templates lint [NAME|FILE...]}: every problem, not just the first. */
  @Command(
      name = "lint",
      mixinStandardHelpOptions = true,
      description = {
        "Check templates and list every problem as FILE:LINE: message.",
        "Without arguments, every template draft can find. Exit 3 when there is any problem."
      })
  public static final class Lint implements Callable<Integer> {
    @Parameters(
        paramLabel = "NAME|FILE",
        arity = "0..*",
        description = "A template name, or the path of a template file.")
    List<String> targets = new ArrayList<>();

    private final Context context;

    public Lint(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      TemplateLibrary library = Prompts.library(context);
      // Every argument is checked before anything is linted: a typo should not hide in the output.
      List<TemplateRef> refs = new ArrayList<>();
      for (String target : targets) {
        refs.add(target(library, target));
      }
      if (targets.isEmpty()) {
        refs.addAll(library.all());
      }
      int problems = 0;
      int failing = 0;
      for (TemplateRef ref : refs) {
        List<Problem> found = TemplateCheck.problems(ref);
        if (found.isEmpty()) {
          context.out().println("ok " + ref.name());
          continue;
        }
        failing++;
        problems += found.size();
        found.forEach(p -> context.out().println(TemplateCheck.shown(ref.location(), p)));
      }
      if (problems == 0) {
        return ExitCode.OK;
      }
      context
          .err()
          .println(
              "draft: "
                  + TemplateEditing.count(problems)
                  + " in "
                  + failing
                  + (failing == 1 ? " template" : " templates"));
      return ExitCode.CONFIG;
    }

    private TemplateRef target(TemplateLibrary library, String target) {
      Path file = context.cwd().resolve(target);
      if (Files.isRegularFile(file)) {
        return TemplateFiles.ref(file, Source.USER, target);
      }
      if (target.contains("/") || target.endsWith(".md")) {
        throw new UsageException("no such file: " + target);
      }
      return find(library, target, "name a template or a file ('draft templates list')");
    }
  }

  /** {@code draft templates path}: the folders templates come from, in lookup order. */
  @Command(
      name = "path",
      mixinStandardHelpOptions = true,
      description = "Print the folders templates come from; a later one overrides an earlier one.")
  public static final class PathCmd implements Callable<Integer> {
    private final Context context;

    public PathCmd(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PrintWriter out = context.out();
      out.println("built-in  (inside the jar)");
      out.println("user      " + folder(context.dirs().promptsDir()));
      out.println("project   " + folder(context.cwd().resolve(".draft").resolve("prompts")));
      return ExitCode.OK;
    }

    private static String folder(Path dir) {
      return Files.isDirectory(dir) ? dir.toString() : dir + "  (does not exist)";
    }
  }

  /** {@code draft templates import FILE|DIR}: a fabric pattern or llm template, converted. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Convert a fabric pattern folder (system.md) or an llm YAML template ($var, defaults)",
        "into a template in the user's prompts folder, and print its path."
      })
  public static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", description = "The pattern folder or the .yaml file.")
    String source;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "The template's name (default: from the folder or file name).")
    String name;

    @Option(names = "--force", description = "Replace a template of the same name.")
    boolean force;

    private final Context context;

    public Import(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      if (name != null) {
        checkName(name);
      }
      TemplateImporter.Imported imported =
          TemplateImporter.read(context.cwd().resolve(source), name);
      Path file = context.dirs().promptsDir().resolve(imported.name() + ".md");
      if (Files.exists(file) && !force) {
        throw new UsageException(
            file + " already exists (add --force to replace it, or choose a name with --name)");
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, imported.text());
      warnAboutName(context, spec, imported.name());
      context.out().println(file);
      imported.notes().forEach(note -> context.err().println("draft: note: " + note));
      return ExitCode.OK;
    }
  }

  static void checkName(String name) {
    if (TemplateNames.isValid(name)) {
      return;
    }
    if (name.startsWith("_")) {
      throw new UsageException(
          "names starting with '_' belong to draft's own tool prompts; to change one, run 'draft"
              + " templates edit "
              + name
              + "'");
    }
    throw new UsageException(
        "'"
            + name
            + "' cannot be a template name: use lowercase letters, digits and '-', starting with"
            + " a letter or digit (e.g. '"
            + TemplateNames.from(name)
            + "')");
  }

  /** A template named like a command can still be run, but only through {@code draft run}. */
  static void warnAboutName(Context context, CommandSpec spec, String name) {
    if (commandNames(spec).contains(name)) {
      context
          .err()
          .println(
              "draft: '"
                  + name
                  + "' is also a draft command, so run this template with 'draft run "
                  + name
                  + "'");
    }
  }

  // The root's subcommands are the built-in commands plus the templates that did not clash.
  private static Set<String> commandNames(CommandSpec spec) {
    Set<String> names = new TreeSet<>();
    spec.root()
        .subcommands()
        .forEach(
            (name, sub) -> {
              Object command = sub.getCommand();
              if (!(command instanceof TemplateCommand)
                  && !(command instanceof BrokenTemplateCommand)) {
                names.add(name);
              }
            });
    return names;
  }

  static TemplateRef find(TemplateLibrary library, String name, String otherwise) {
    return library
        .find(name)
        .orElseThrow(
            () -> {
              List<String> names = library.all().stream().map(TemplateRef::name).toList();
              String hint =
                  TemplateNames.closest(name, names)
                      .map(n -> " (did you mean '" + n + "'?)")
                      .orElse("");
              return new UsageException(
                  "no template named '" + name + "'" + hint + "; " + otherwise);
            });
  }
}

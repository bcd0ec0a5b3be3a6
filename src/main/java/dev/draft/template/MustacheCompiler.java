package dev.draft.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.MapObjectHandler;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a Mustache text the way templates use it, and records every tag with its line so lint
 * can check names against the declared variables.
 *
 * <p>Three choices differ from mustache.java's defaults. Values are never HTML-escaped: prompts are
 * not HTML. Names are looked up in maps only: the default handler would answer {@code {{empty}}}
 * inside {@code {{#topic}}} with {@code String.isEmpty()} instead of the variable. Partials,
 * inheritance and pragmas are recorded but not compiled: they would read other files, and lint
 * reports them instead.
 */
final class MustacheCompiler {
  private static final Pattern ERROR_LINE = Pattern.compile("@\\[[^\\]]*:(\\d+)]");
  private static final Pattern UNCLOSED = Pattern.compile("Failed to close '(.*)' tag");
  private static final Pattern MISMATCHED =
      Pattern.compile("Mismatched start/end tags: (.*) != (.*?) in ");

  private MustacheCompiler() {}

  enum Kind {
    VALUE("{{", "}}"),
    SECTION("{{#", "}}"),
    INVERTED("{{^", "}}"),
    PARTIAL("{{> ", "}}"),
    INHERITANCE("{{< ", "}}"),
    BLOCK("{{$", "}}"),
    PRAGMA("{{%", "}}");

    private final String open;
    private final String close;

    Kind(String open, String close) {
      this.open = open;
      this.close = close;
    }

    /** Whether the tag reads a value by name, as opposed to including or configuring. */
    boolean readsValue() {
      return this == VALUE || this == SECTION || this == INVERTED;
    }

    /** The tag as a message shows it, in the default delimiters. */
    String shown(String name) {
      return open + name + close;
    }
  }

  /** A tag, at its 1-based line in the compiled text. */
  record Tag(Kind kind, String name, int line) {}

  record Compiled(Mustache mustache, List<Tag> tags) {}

  /** The text is not valid Mustache; the message is worded {@code problem (fix)}. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    Invalid(int line, String message, Throwable cause) {
      super(message, cause);
      this.line = line;
    }

    /** The 1-based line in the compiled text. */
    int line() {
      return line;
    }
  }

  static Compiled compile(String text) throws Invalid {
    // A fresh factory each time: factories cache compiled templates by name.
    Factory factory = new Factory();
    try {
      Mustache mustache = factory.compile(new StringReader(text), "template");
      return new Compiled(mustache, List.copyOf(factory.tags));
    } catch (MustacheException e) {
      throw invalid(e);
    }
  }

  private static Invalid invalid(MustacheException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher at = ERROR_LINE.matcher(message);
    int line = at.find() ? Integer.parseInt(at.group(1)) : 1;
    Matcher unclosed = UNCLOSED.matcher(message);
    Matcher mismatched = MISMATCHED.matcher(message);
    String problem;
    if (unclosed.find()) {
      String name = unclosed.group(1);
      problem = "section '" + name + "' is never closed (add {{/" + name + "}} where it ends)";
    } else if (mismatched.find()) {
      String open = mismatched.group(1);
      String close = mismatched.group(2);
      problem =
          open.equals("null")
              ? "{{/"
                  + close
                  + "}} closes a section that is not open (remove it, or open it"
                  + " with {{#"
                  + close
                  + "}})"
              : "{{/"
                  + close
                  + "}} does not match the open section '"
                  + open
                  + "' (close that first with {{/"
                  + open
                  + "}})";
    } else if (message.startsWith("Improperly closed variable")) {
      problem =
          "a tag is not closed (end it with }}, or for literal braces switch delimiters:"
              + " {{=<% %>=}})";
    } else if (message.startsWith("Empty mustache")) {
      problem =
          "empty tag {{}} (put a variable name in it, or for literal braces switch"
              + " delimiters: {{=<% %>=}})";
    } else {
      int end = message.indexOf(" @[");
      problem =
          "invalid Mustache: "
              + (end < 0 ? message : message.substring(0, end))
              + " (check the tags on this line)";
    }
    return new Invalid(line, problem, e);
  }

  private static final class Factory extends DefaultMustacheFactory {
    // Filled by the visitors: the parser makes a new one for every nested section.
    final List<Tag> tags = new ArrayList<>();

    Factory() {
      setObjectHandler(new MapObjectHandler());
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new MustacheException("cannot write the rendered text", e);
      }
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
      return new RecordingVisitor(this);
    }
  }

  private static final class RecordingVisitor extends DefaultMustacheVisitor {
    private final List<Tag> tags;

    RecordingVisitor(Factory factory) {
      super(factory);
      this.tags = factory.tags;
    }

    private void record(Kind kind, TemplateContext tc, String name) {
      tags.add(new Tag(kind, name.strip(), tc.line()));
    }

    @Override
    public void value(TemplateContext tc, String variable, boolean encoded) {
      record(Kind.VALUE, tc, variable);
      super.value(tc, variable, encoded);
    }

    @Override
    public void iterable(TemplateContext tc, String variable, Mustache mustache) {
      record(Kind.SECTION, tc, variable);
      super.iterable(tc, variable, mustache);
    }

    @Override
    public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
      record(Kind.INVERTED, tc, variable);
      super.notIterable(tc, variable, mustache);
    }

    @Override
    public void partial(TemplateContext tc, String variable, String indent) {
      record(Kind.PARTIAL, tc, variable);
    }

    @Override
    public void dynamicPartial(TemplateContext tc, String variable, String indent) {
      record(Kind.PARTIAL, tc, "*" + variable);
    }

    @Override
    public void extend(TemplateContext tc, String variable, Mustache mustache) {
      record(Kind.INHERITANCE, tc, variable);
    }

    @Override
    public void name(TemplateContext tc, String variable, Mustache mustache) {
      record(Kind.BLOCK, tc, variable);
    }

    @Override
    public void checkName(TemplateContext tc, String variable, Mustache mustache) {
      record(Kind.BLOCK, tc, variable);
    }

    @Override
    public void pragma(TemplateContext tc, String pragma, String args) {
      record(Kind.PRAGMA, tc, pragma);
    }
  }
}

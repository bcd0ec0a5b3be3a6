package dev.draft.template;

/**
 * The file {@code draft templates new} writes: a template that loads and runs as it is, with
 * comments showing every setting, so a user edits rather than starts from a blank page.
 */
public final class TemplateSkeleton {
  private TemplateSkeleton() {}

  /** The skeleton for a template called {@code name}. */
  public static String text(String name) {
    return """
        ---
        # The settings, in YAML. Run this template with: draft %1$s [INPUT...] [--topic TEXT]
        # 'draft templates show %1$s' lists what it takes; 'draft templates lint %1$s' checks it.
        description: Say in one line what this template writes
        variables:
          # Each variable becomes an option (--topic). Give it a default, or required: true;
          # choices: [a, b] limits the values. Use every variable you declare in the prompt.
          topic: {description: What to write about, default: the first warm day of spring}
        # input: optional      # required | optional | none: text from INPUT files or stdin
        # system: |
        #   You are an experienced editor who ...
        # model: gpt-4o-mini   # the model this template works best with
        # n: 3                 # how many drafts to write unless -n says otherwise
        # temperature: 0.9
        # max_tokens: 1200
        # Below the closing line is the prompt, in Mustache: {{topic}} puts a value in, and
        # {{#input}}...{{/input}} is left out when there is no input. For a literal {{ in the
        # text, switch delimiters first: {{=<%% %%>=}}
        ---
        Write a short piece about {{topic}}.
        {{#input}}

        Work from these notes:
        {{input}}
        {{/input}}
        """
        .formatted(name);
  }
}

package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateSkeletonTest {
  @Test
  void theSkeletonLoadsLintsCleanAndRunsAsItIs() {
    Template template =
        TemplateLoader.load(
            "my-piece", Source.USER, "my-piece.md", TemplateSkeleton.text("my-piece"));

    assertThat(TemplateLint.problems(template)).isEmpty();
    assertThat(template.variables()).containsOnlyKeys("topic");
    assertThat(template.input()).isEqualTo(InputMode.OPTIONAL);
    assertThat(
            TemplateRenderer.render(template, TemplateValues.resolve(template, Map.of()), null)
                .user())
        .isEqualTo("Write a short piece about the first warm day of spring.");
  }

  @Test
  void theSkeletonNamesItsTemplateInTheComments() {
    assertThat(TemplateSkeleton.text("memo"))
        .contains("draft memo [INPUT...]", "draft templates lint memo");
  }
}

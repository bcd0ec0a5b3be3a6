package dev.draft.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateNamesTest {
  @Test
  void namesAreLowercaseLettersDigitsAndDashes() {
    assertThat(TemplateNames.isValid("story-outline")).isTrue();
    assertThat(TemplateNames.isValid("3-act")).isTrue();
    assertThat(TemplateNames.isValid("_angles")).isFalse();
    assertThat(TemplateNames.isValid("-x")).isFalse();
    assertThat(TemplateNames.isValid("My_Memo")).isFalse();
    assertThat(TemplateNames.isValid("")).isFalse();
  }

  @Test
  void aFileNameIsTurnedIntoAValidName() {
    assertThat(TemplateNames.from("Summarize_Paper")).isEqualTo("summarize-paper");
    assertThat(TemplateNames.from("  create.coding  project ")).isEqualTo("create-coding-project");
    assertThat(TemplateNames.from("_private__one_")).isEqualTo("private-one");
    assertThat(TemplateNames.from("日本")).isEqualTo("imported");
  }

  @Test
  void suggestsTheClosestName() {
    assertThat(TemplateNames.closest("artcle", List.of("article", "outline"))).contains("article");
    assertThat(TemplateNames.closest("zzz", List.of("article"))).isEmpty();
  }
}

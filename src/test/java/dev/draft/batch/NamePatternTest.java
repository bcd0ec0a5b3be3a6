package dev.draft.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NamePatternTest {
  private static BatchItem file(String path) {
    return new BatchItem(path, path, Map.of("name", "ignored"), null, path, null);
  }

  @Test
  void nameAndExtComeFromTheItemsFileNameAndBuiltInsWinOverVariables() {
    NamePattern p = NamePattern.parse("{{name}}|{{ext}}");
    assertThat(p.resolve(file("a/b.tar.gz"))).isEqualTo("b.tar_.gz");
    assertThat(p.resolve(file("README"))).isEqualTo("README_");
    assertThat(p.resolve(file(".bashrc"))).isEqualTo(".bashrc_");
    assertThat(p.resolve(new BatchItem("7", "line 7", Map.of(), null, null, null)))
        .isEqualTo("7_.md");
  }

  @Test
  void aWindowsPathKeepsItsDirectories() {
    assertThat(NamePattern.parse(null).resolve(file("posts\\2024\\a.md")))
        .isEqualTo("posts/2024/a.md");
  }

  @Test
  void anEmptyNameIsTheItemsProblem() {
    BatchItem blank = new BatchItem("a", "line 1", Map.of("slug", "  "), null, null, null);
    assertThatThrownBy(() -> NamePattern.parse("{{slug}}").resolve(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void noItemMayTakeTheManifestsName() {
    assertThatThrownBy(() -> NamePattern.parse(null).resolve(file(".draft-batch.jsonl")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".draft-batch.jsonl");
  }

  @Test
  void aCandidateIsNumberedBeforeTheExtension() {
    assertThat(NamePattern.candidate("posts/a.md", 2)).isEqualTo("posts/a.2.md");
    assertThat(NamePattern.candidate("v1.0/README", 1)).isEqualTo("v1.0/README.1");
    assertThat(NamePattern.candidate(".bashrc", 3)).isEqualTo(".bashrc.3");
  }
}

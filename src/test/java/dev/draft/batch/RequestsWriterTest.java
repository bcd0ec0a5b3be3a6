package dev.draft.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestsWriterTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void eachRequestIsOneLineOfTheBatchApisInputFormat() throws IOException {
    Path file = dir.resolve("requests.jsonl");
    try (RequestsWriter writer = new RequestsWriter(file)) {
      writer.add(
          "12-3fa9c2d1",
          "{\n  \"model\": \"m\",\n  \"messages\": [{\"role\": \"user\", \"content\": \"Hi\\nthere\"}],"
              + " \"temperature\": 0.7\n}");
      writer.add("posts/a.md", "{\"model\":\"m\",\"messages\":[]}");
      assertThat(writer.count()).isEqualTo(2);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines)
        .containsExactly(
            "{\"custom_id\":\"12-3fa9c2d1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Hi\\nthere\"}],\"temperature\":0.7}}",
            "{\"custom_id\":\"posts/a.md\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"m\",\"messages\":[]}}");
    JsonNode body = ResultJson.MAPPER.readTree(lines.get(0)).get("body");
    assertThat(body.isObject()).isTrue();
  }

  @Test
  void nothingIsAtTheFileUntilCloseAndNoTemporaryFileAfter() throws IOException {
    Path file = dir.resolve("requests.jsonl");
    RequestsWriter writer = new RequestsWriter(file);
    writer.add("a", "{}");
    assertThat(file).doesNotExist();
    writer.close();
    assertThat(names()).containsExactly("requests.jsonl");
  }

  @Test
  void discardingLeavesAnEarlierFileAsItWas() throws IOException {
    Path file = dir.resolve("requests.jsonl");
    Files.writeString(file, "earlier\n");
    RequestsWriter writer = new RequestsWriter(file);
    writer.add("a", "{}");
    writer.discard();
    writer.close();
    assertThat(Files.readString(file)).isEqualTo("earlier\n");
    assertThat(names()).containsExactly("requests.jsonl");
  }

  @Test
  void aCustomIdMustBeUniqueAndABodyAnObject() throws IOException {
    try (RequestsWriter writer = new RequestsWriter(dir.resolve("r.jsonl"))) {
      writer.add("a", "{}");
      assertThatThrownBy(() -> writer.add("a", "{}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("custom_id");
      for (String body : List.of("[1]", "\"text\"", "{\"a\":", "{} {}", "")) {
        assertThatThrownBy(() -> writer.add("b", body))
            .as(body)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a JSON object");
      }
      writer.add("b", "{\"ok\":true}");
    }
    assertThat(Files.readAllLines(dir.resolve("r.jsonl"))).hasSize(2);
  }
}

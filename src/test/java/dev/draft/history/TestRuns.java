package dev.draft.history;

import dev.draft.client.ChatMessage;
import dev.draft.client.Usage;
import dev.draft.draft.Draft;
import dev.draft.draft.Status;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Runs and drafts for the store tests, with neutral words so searches find only what they mean. */
final class TestRuns {
  static final String TEMPLATE_TEXT =
      "---\ndescription: An article\nvariables:\n  topic: {required: true}\n---\n"
          + "Write about {{topic}}.\n";

  private TestRuns() {}

  /** A two-draft run of the {@code article} template on a local endpoint. */
  static NewRun.Builder run(String id) {
    return NewRun.builder(id)
        .template("article", TEMPLATE_TEXT)
        .variables(Map.of("topic", "tea"))
        .messages(
            List.of(
                ChatMessage.system("You are a features editor."),
                ChatMessage.user("Write about tea.")))
        .profile("local")
        .baseUrl("http://127.0.0.1:8080/v1")
        .model("qwen2.5-7b-instruct")
        .params(RunParams.of(2));
  }

  static Draft complete(int index, String text) {
    return new Draft(index, text, null, Status.COMPLETE, "stop", null, new Usage(12, 34));
  }

  /** A plain JDBC connection, to look at the file the way sqlite3 or Datasette would. */
  static Connection raw(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }
}

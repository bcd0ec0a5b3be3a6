package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  @TempDir Path dir;

  @Test
  void emptyFileGetsTheWholeSchema() throws SQLException {
    Path file = dir.resolve("history.db");
    try (HistoryStore store = HistoryStore.open(file)) {
      assertThat(store.file()).isEqualTo(file.toAbsolutePath());
    }

    assertThat(userVersion(file)).isEqualTo(Migrations.ALL.size());
    assertThat(names(file, "table")).contains("runs", "drafts", "events", "runs_fts", "drafts_fts");
  }

  @Test
  void reopeningAnUpToDateDatabaseKeepsItsRuns() {
    Path file = dir.resolve("history.db");
    try (HistoryStore store = HistoryStore.open(file)) {
      store.startRun(TestRuns.run("r1aaaaaaaa").build());
    }

    try (HistoryStore store = HistoryStore.open(file)) {
      assertThat(store.run("r1aaaaaaaa")).isPresent();
    }
  }

  @Test
  void databaseAtVersionOneGetsTheMigrationsAddedSince() throws SQLException {
    Path file = dir.resolve("history.db");
    try (HistoryStore store = HistoryStore.open(file, Migrations.ALL.subList(0, 1))) {
      store.startRun(TestRuns.run("r1aaaaaaaa").build());
    }
    assertThat(userVersion(file)).isEqualTo(1);
    List<Migration> later = new ArrayList<>(Migrations.ALL);
    later.add(Migration.sql("ALTER TABLE runs ADD COLUMN note TEXT"));

    try (HistoryStore store = HistoryStore.open(file, later)) {
      assertThat(store.run("r1aaaaaaaa")).isPresent();
    }

    assertThat(userVersion(file)).isEqualTo(later.size());
    assertThat(columns(file, "runs")).contains("note");
  }

  @Test
  void newerDatabaseIsRefusedAndLeftAlone() throws SQLException {
    Path file = dir.resolve("history.db");
    HistoryStore.open(file).close();
    int newer = Migrations.ALL.size() + 1;
    try (Connection c = TestRuns.raw(file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + newer);
    }

    assertThatThrownBy(() -> HistoryStore.open(file))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("schema version " + newer + ", newer than this draft knows")
        .hasMessageContaining("upgrade draft");
    assertThat(userVersion(file)).isEqualTo(newer);
  }

  @Test
  void failingMigrationLeavesTheDatabaseAsItWas() throws SQLException {
    Path file = dir.resolve("history.db");
    HistoryStore.open(file).close();
    List<Migration> broken = new ArrayList<>(Migrations.ALL);
    broken.add(Migration.sql("CREATE TABLE half_done (x)", "THIS IS NOT SQL"));

    assertThatThrownBy(() -> HistoryStore.open(file, broken))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining("upgrade its schema");

    assertThat(userVersion(file)).isEqualTo(Migrations.ALL.size());
    assertThat(names(file, "table")).doesNotContain("half_done");
  }

  private static int userVersion(Path file) throws SQLException {
    try (Connection c = TestRuns.raw(file);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("PRAGMA user_version")) {
      return rows.getInt(1);
    }
  }

  private static List<String> names(Path file, String type) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = TestRuns.raw(file);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT name FROM sqlite_schema WHERE type = '" + type + "'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  private static List<String> columns(Path file, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = TestRuns.raw(file);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT name FROM pragma_table_info('" + table + "')")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}

package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFileTest {
  @TempDir Path dir;

  @Test
  void fileAndMissingDirectoriesAreCreatedForTheOwnerOnly() throws IOException {
    Path file = dir.resolve("data/draft/history.db");

    try (HistoryStore store = HistoryStore.open(file)) {
      store.startRun(TestRuns.run("r1aaaaaaaa").build());

      assertThat(mode(file)).isEqualTo("rw-------");
      assertThat(mode(file.getParent())).isEqualTo("rwx------");
      assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
      Path wal = Path.of(file + "-wal");
      Path shm = Path.of(file + "-shm");
      assertThat(wal).exists();
      assertThat(mode(wal)).isEqualTo("rw-------");
      assertThat(mode(shm)).isEqualTo("rw-------");
    }
  }

  @Test
  void anExistingFileReadableByOthersIsTightened() throws IOException {
    Path file = dir.resolve("history.db");
    HistoryStore.open(file).close();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    HistoryStore.open(file).close();

    assertThat(mode(file)).isEqualTo("rw-------");
  }

  @Test
  void journalIsWal() throws SQLException {
    Path file = dir.resolve("history.db");
    HistoryStore.open(file).close();

    try (Connection c = TestRuns.raw(file);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("PRAGMA journal_mode")) {
      assertThat(rows.getString(1)).isEqualTo("wal");
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsNamedWithTheFix() throws IOException {
    Path file = dir.resolve("history.db");
    Files.writeString(file, "these are my notes, not a database\n".repeat(200));

    assertThatThrownBy(() -> HistoryStore.open(file))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not an SQLite database")
        .hasMessageContaining("move it aside");
  }

  @Test
  void aClosedStoreSaysSo() {
    HistoryStore store = HistoryStore.open(dir.resolve("history.db"));
    store.close();
    store.close();

    assertThatThrownBy(() -> store.run("last"))
        .isInstanceOf(HistoryException.class)
        .hasMessageContaining("already closed");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

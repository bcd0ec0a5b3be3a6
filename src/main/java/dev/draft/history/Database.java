package dev.draft.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The one SQLite connection of a store, and the transactions on it. Threads take turns (a
 * transaction holds the lock from BEGIN to COMMIT); processes share the file through the WAL
 * journal, the busy timeout and a few retries when it stays busy longer than that.
 */
final class Database implements AutoCloseable {
  static final int BUSY_TIMEOUT_MS = 10_000;
  private static final int ATTEMPTS = 5;
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_NOTADB = 26;

  /** Work done inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws SQLException;
  }

  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_READONLY = 8;

  private final Path file;
  private final Connection connection;
  private final boolean readOnly;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private Database(Path file, Connection connection, boolean readOnly) {
    this.file = file;
    this.connection = connection;
    this.readOnly = readOnly;
  }

  /**
   * Opens the file (which must exist) for reading only, changing nothing in it or beside it: no
   * journal mode, no checkpoint. Where SQLite cannot even read a WAL database because it may not
   * create the {@code -shm} file beside it (a read-only directory), the file is read as immutable,
   * as it stands on disk.
   */
  static Database openReadOnly(Path file) {
    NativeSqlite.prepare();
    try {
      return readable(file, "jdbc:sqlite:" + file);
    } catch (SQLException e) {
      int primary = e.getErrorCode() & 0xff;
      if (primary != SQLITE_CANTOPEN && primary != SQLITE_READONLY) {
        throw failure(file, "open it", e);
      }
    }
    try {
      return readable(file, "jdbc:sqlite:" + file.toUri().toString() + "?immutable=1");
    } catch (SQLException e) {
      throw failure(file, "open it", e);
    }
  }

  private static Database readable(Path file, String url) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setReadOnly(true);
    Connection connection = config.createConnection(url);
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
      // Reading something finds out now whether the file can be read at all.
      rows.next();
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new Database(file, connection, true);
  }

  /** Whether the database was opened for reading only ({@link #openReadOnly}). */
  boolean readOnly() {
    return readOnly;
  }

  /** Opens the file (which must exist) and sets the connection up: WAL, busy timeout, keys. */
  static Database open(Path file) {
    NativeSqlite.prepare();
    Connection connection;
    try {
      SQLiteConfig config = new SQLiteConfig();
      // Set on the connection before anything runs, so that even the first pragma waits.
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      connection = config.createConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw failure(file, "open it", e);
    }
    Database database = new Database(file, connection, false);
    try {
      database.retryingBusy(
          "open it",
          () -> {
            try (Statement statement = connection.createStatement()) {
              // WAL lets readers and one writer work at once; it is a property of the file. Where
              // the file system cannot do WAL, SQLite keeps its rollback journal, which still
              // works.
              try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                mode.next();
              }
              statement.execute("PRAGMA synchronous = NORMAL");
              statement.execute("PRAGMA foreign_keys = ON");
            }
            return null;
          });
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  Path file() {
    return file;
  }

  /**
   * Runs {@code work} in a write transaction. BEGIN IMMEDIATE takes the write lock before anything
   * is read, so the transaction cannot fail halfway for a lock another process holds.
   */
  <T> T write(String what, Work<T> work) {
    if (readOnly) {
      throw new HistoryException(
          "cannot "
              + what
              + ": the history "
              + file
              + " is read-only here; make it and its directory writable to record in it");
    }
    return transaction("BEGIN IMMEDIATE", what, work);
  }

  /** Runs {@code work} in a read transaction, so what it reads is one consistent snapshot. */
  <T> T read(String what, Work<T> work) {
    return transaction("BEGIN DEFERRED", what, work);
  }

  /** Closes the connection; closing twice does nothing. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        connection.close();
      }
    } catch (SQLException e) {
      throw failure(file, "close it", e);
    } finally {
      lock.unlock();
    }
  }

  private <T> T transaction(String begin, String what, Work<T> work) {
    // lock(), not lockInterruptibly(): after Ctrl-C the partial drafts still have to be saved.
    lock.lock();
    try {
      if (closed) {
        throw new HistoryException("the history " + file + " is already closed");
      }
      return retryingBusy(
          what,
          () -> {
            execute(begin);
            boolean committed = false;
            try {
              T result = work.run(connection);
              execute("COMMIT");
              committed = true;
              return result;
            } finally {
              if (!committed) {
                rollback();
              }
            }
          });
    } finally {
      lock.unlock();
    }
  }

  // Each attempt already waits up to the busy timeout inside SQLite; the retries are for a file
  // kept busy longer than that, such as by the checkpoint of a large WAL.
  private <T> T retryingBusy(String what, Step<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.run();
      } catch (SQLException e) {
        if (!isBusy(e) || attempt == ATTEMPTS) {
          throw failure(file, what, e);
        }
        pause(attempt);
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private void rollback() {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // No transaction left to roll back: SQLite ends some by itself on error.
    }
  }

  private static boolean isBusy(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(50L * attempt);
    } catch (InterruptedException e) {
      // Keep the interrupt for the caller, but finish the write.
      Thread.currentThread().interrupt();
    }
  }

  private static HistoryException failure(Path file, String what, SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    if (primary == SQLITE_NOTADB) {
      return new HistoryException(
          file + " is not an SQLite database; move it aside to start a new history", e);
    }
    if (primary == SQLITE_FULL) {
      return new HistoryException(
          "history " + file + ": cannot " + what + ": the disk is full; free some space", e);
    }
    if (primary == SQLITE_READONLY) {
      return new HistoryException(
          "history "
              + file
              + ": cannot "
              + what
              + ": it is read-only; make it and its directory writable",
          e);
    }
    if (primary == SQLITE_CANTOPEN) {
      return new HistoryException(
          "history "
              + file
              + ": cannot "
              + what
              + ": cannot open the file; check that its directory exists and can be read",
          e);
    }
    return new HistoryException("history " + file + ": cannot " + what + ": " + e.getMessage(), e);
  }

  // ---- statement helpers for the work done in transactions ----

  /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, args);
      return statement.executeUpdate();
    }
  }

  /** The first column of every row a query returns, as text. */
  static List<String> strings(Connection c, String sql, Object... args) throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      bind(select, args);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }

  /** A single number a query returns, such as a pragma's value. */
  static long number(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static void bind(PreparedStatement statement, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null) {
        statement.setNull(i + 1, Types.NULL);
      } else {
        statement.setObject(i + 1, args[i]);
      }
    }
  }

  static Long longOrNull(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  static Integer intOrNull(ResultSet rows, String column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? null : value;
  }

  static Double doubleOrNull(ResultSet rows, String column) throws SQLException {
    double value = rows.getDouble(column);
    return rows.wasNull() ? null : value;
  }
}

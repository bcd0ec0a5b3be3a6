package dev.draft.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One step of the schema. The store runs the missing steps on open, in one transaction, and records
 * how far it got in {@code PRAGMA user_version}.
 */
@FunctionalInterface
interface Migration {
  void apply(Connection connection) throws SQLException;

  /** A step that is only SQL statements, run in order. */
  static Migration sql(String... statements) {
    List<String> all = List.of(statements);
    return connection -> {
      try (Statement statement = connection.createStatement()) {
        for (String sql : all) {
          statement.execute(sql);
        }
      }
    };
  }
}

/**
 * The run history: an SQLite file ({@code <data>/history.db}) that records every run as it happens,
 * so a partial draft survives Ctrl-C, a crash or a kill. {@link dev.draft.history.HistoryStore} is
 * the only way in; the tables are plain and documented in {@code docs/history-schema.md} so users
 * can query them with their own tools.
 *
 * <p>The store never takes an API key or an auth header: nothing in its API has room for one, and
 * base URLs lose any user info, query or fragment before they are written. Every failure is a
 * {@link dev.draft.history.HistoryException} with a one-line message.
 */
package dev.draft.history;

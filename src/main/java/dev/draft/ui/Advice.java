package dev.draft.ui;

/**
 * Judge advice for one draft.
 *
 * @param rank its rank among the judged drafts, 1 being the best
 * @param of how many drafts were judged
 * @param note a one-line reason
 */
public record Advice(int rank, int of, String note) {}

package dev.draft.ui;

/**
 * Two texts to diff, left before right, with their titles, e.g. {@code "draft 1"} and {@code "draft
 * 3"}, or {@code "3 as generated"} and {@code "3 as edited"}.
 */
public record DiffPair(String leftTitle, String leftText, String rightTitle, String rightText) {}

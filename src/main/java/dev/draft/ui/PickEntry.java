package dev.draft.ui;

import dev.draft.draft.Draft;

/**
 * One draft as offered to the picker.
 *
 * @param run the id of the run the draft belongs to
 * @param origin null for a first-generation draft, else e.g. {@code "refine of 3"} or {@code "merge
 *     of 1+3"}
 */
public record PickEntry(String run, Draft draft, String origin) {}

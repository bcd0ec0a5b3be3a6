package dev.draft.template;

/**
 * One lint problem: the file line it is on, and a message worded as {@code problem (fix)}.
 *
 * @param line the 1-based line in the template file
 */
public record Problem(int line, String message) {}

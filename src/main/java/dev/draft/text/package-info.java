/**
 * Words for people: suggestions for a typo ({@link dev.draft.text.DidYouMean}), shared by the
 * config loader, the template linter and the command line, and the display width of text ({@link
 * dev.draft.text.DisplayWidth}) for tables whose columns line up with wide characters in them; and
 * the few file and I/O habits every layer shares ({@link dev.draft.text.Moves}, {@link
 * dev.draft.text.IoProblems}).
 */
package dev.draft.text;

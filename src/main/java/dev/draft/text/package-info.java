/**
 * Words for people: suggestions for a typo ({@link dev.draft.text.DidYouMean}), shared by the
 * config loader, the template linter and the command line, and the display width of text ({@link
 * dev.draft.text.DisplayWidth}) for tables whose columns line up with wide characters in them.
 */
package dev.draft.text;

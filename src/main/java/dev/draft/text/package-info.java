/**
 * Words for people: suggestions for a typo ({@link dev.draft.text.DidYouMean}), shared by the
 * config loader, the template linter and the command line.
 */
package dev.draft.text;

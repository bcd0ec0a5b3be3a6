/**
 * Runs and drafts: one request turned into N candidates, each with its own outcome, by native
 * {@code n} or a parallel fan-out.
 */
package dev.draft.draft;

/**
 * Long inputs, as pure functions: context windows and where they come from, token counts ({@link
 * dev.draft.longdoc.TokenCounter}, jtokkit's {@link dev.draft.longdoc.Tokenizers} or an estimate),
 * splitting a document on its structure ({@link dev.draft.longdoc.Chunker}), and what to do with an
 * input longer than the window ({@link dev.draft.longdoc.Strategy}). The pipelines that use them
 * are {@code session.LongDocument}'s.
 */
package dev.draft.longdoc;

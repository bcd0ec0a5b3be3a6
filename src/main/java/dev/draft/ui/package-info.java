/**
 * What the user sees and touches beyond plain output. {@link dev.draft.ui.Picker} is the pure state
 * machine of the compare/pick view; {@link dev.draft.ui.PickView} and {@link dev.draft.ui.LiveView}
 * draw it and the streaming drafts on a {@link dev.draft.ui.TerminalScreen} (JLine); {@link
 * dev.draft.ui.WordDiff} and {@link dev.draft.ui.TextWrap} are the pure text helpers they share;
 * {@link dev.draft.ui.ExternalEditor} opens a file in the user's editor; {@link
 * dev.draft.ui.Terminals} tells which standard streams are terminals. Only the editor, the terminal
 * screen and that check start processes or touch the real console.
 */
package dev.draft.ui;

/**
 * What the user sees and touches beyond plain output: for now {@link dev.draft.ui.ExternalEditor},
 * which opens a file in the user's editor. DESIGN §7 puts the picker and its terminal view here
 * too. Only the editor and the terminal view start processes or touch the real console.
 */
package dev.draft.ui;

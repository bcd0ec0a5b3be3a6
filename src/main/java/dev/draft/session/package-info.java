/**
 * The application layer: what happens in a run, without a command line. {@link
 * dev.draft.session.EndpointSession} opens an endpoint; {@link dev.draft.session.Requests} builds a
 * request (flag, then template, then parent run); {@link dev.draft.session.Candidates} fans out the
 * candidates; {@link dev.draft.session.Generation} runs and records them; {@link
 * dev.draft.session.Events} records what the user does with them; {@link dev.draft.session.Judging}
 * and {@link dev.draft.session.Revisions} judge, refine and merge; {@link
 * dev.draft.session.ViewRun} and {@link dev.draft.session.PickSession} run the live and pick views.
 *
 * <p>It prints no product: services return records, and report progress or problems as lines to a
 * sink the caller gives ({@link dev.draft.session.Context#err()} from the command line). It imports
 * nothing of {@code cli}, so long documents and batch runs can use it as the commands do.
 */
package dev.draft.session;

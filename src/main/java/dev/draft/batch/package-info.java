/**
 * Batches: many items through one template in one process. Reading the items from a source (JSONL,
 * CSV, a directory or glob of files, JSONL on stdin) as a stream, writing each finished item to a
 * destination (a JSONL file or a directory) so that a run can be resumed, the rate limits a runner
 * keeps, and the JSONL files of batch engines (the OpenAI Batch API, vLLM's run-batch). The runner
 * itself is {@code session.BatchRun}. Imports only {@code draft}, {@code client} and {@code text}.
 */
package dev.draft.batch;

/**
 * The chat-completions client: request, response and streaming records, the {@link
 * dev.draft.client.ChatClient} interface and the errors it raises. Knows nothing of templates or
 * drafts.
 */
package dev.draft.client;

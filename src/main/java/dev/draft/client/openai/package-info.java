/** The OkHttp implementation of the chat client for OpenAI-compatible endpoints. */
package dev.draft.client.openai;

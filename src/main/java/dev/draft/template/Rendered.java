package dev.draft.template;

/**
 * A template filled in: the messages to send.
 *
 * @param system the system message, or null when the template has none or it renders empty
 * @param user the user message
 */
public record Rendered(String system, String user) {}

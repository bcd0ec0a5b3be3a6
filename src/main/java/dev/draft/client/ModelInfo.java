package dev.draft.client;

/** A model an endpoint serves, as {@code GET /models} lists it. */
public record ModelInfo(String id, String ownedBy) {}

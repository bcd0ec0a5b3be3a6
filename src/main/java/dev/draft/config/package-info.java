/**
 * Where draft keeps its files ({@link dev.draft.config.AppDirs}), the strict {@code config.yaml}
 * loader, the built-in endpoint presets, and {@link dev.draft.config.EndpointResolver}, which turns
 * flags, environment, profile and preset into the {@link dev.draft.client.EndpointSettings} the
 * client uses. Every error is a {@link dev.draft.config.ConfigException} with a one-line message;
 * an API key is never read from or written to the config file, and never appears in a message.
 */
package dev.draft.config;

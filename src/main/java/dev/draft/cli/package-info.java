/**
 * The command line: one Picocli class per command, the option mixins ({@link
 * dev.draft.cli.EndpointOptions}, {@link dev.draft.cli.GenerationOptions}, {@link
 * dev.draft.cli.OutputOptions}), converters for flag values, and printers ({@link
 * dev.draft.cli.RunPrinter}, {@link dev.draft.cli.DraftOutput}, {@link dev.draft.cli.RunReport}). A
 * command parses, checks, calls a service of {@code session} and prints what it returns; {@link
 * dev.draft.cli.Cli} maps every error to one line and an exit code ({@link
 * dev.draft.cli.ExitCode}).
 */
package dev.draft.cli;

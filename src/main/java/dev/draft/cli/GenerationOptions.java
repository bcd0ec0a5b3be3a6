package dev.draft.cli;

import dev.draft.draft.Vary;
import dev.draft.session.Sampling;
import dev.draft.session.UsageException;
import picocli.CommandLine.Option;

/** How to generate: how many candidates and the sampling parameters. */
public final class GenerationOptions {
  static final int MAX_N = 32;

  @Option(
      names = {"-n", "--candidates"},
      paramLabel = "N",
      description =
          "How many candidates to generate (1-"
              + MAX_N
              + "; default 1, for refine and redo as many as the run had).")
  Integer n;

  @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature, 0-2.")
  Double temperature;

  @Option(names = "--max-tokens", paramLabel = "TOKENS", description = "Longest answer, in tokens.")
  Integer maxTokens;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description =
          "Seed for sampling, where the endpoint supports it (each candidate gets its own).")
  Long seed;

  @Option(
      names = "--no-stream",
      description =
          "Ask for one JSON answer instead of a stream, for proxies that buffer streams (the"
              + " text then arrives all at once).")
  boolean noStream;

  @Option(
      names = "--vary",
      paramLabel = "HOW",
      description =
          "How candidates differ: samples (the model's own sampling, default), temperature"
              + " (spread over 0.7-1.1 or ±0.2 around --temperature), angles (a distinct approach"
              + " each, proposed by the model first).")
  Vary vary = Vary.samples;

  /** The number of candidates, checked; {@code fallback} when not given. */
  int n(int fallback) {
    int value = n == null ? fallback : n;
    if (value < 1 || value > MAX_N) {
      throw new UsageException("-n takes a number from 1 to " + MAX_N + ", got " + value);
    }
    return value;
  }

  Double temperature() {
    if (temperature != null && (temperature < 0 || temperature > 2 || temperature.isNaN())) {
      throw new UsageException("--temperature takes a number from 0 to 2, got " + temperature);
    }
    return temperature;
  }

  Integer maxTokens() {
    if (maxTokens != null && maxTokens < 1) {
      throw new UsageException("--max-tokens takes a positive number, got " + maxTokens);
    }
    return maxTokens;
  }

  Long seed() {
    return seed;
  }

  /** The sampling these flags ask for, checked. */
  Sampling sampling() {
    return new Sampling(temperature(), maxTokens(), seed(), stream());
  }

  /** Whether to ask for a streamed answer (the default) rather than one JSON answer. */
  boolean stream() {
    return !noStream;
  }
}

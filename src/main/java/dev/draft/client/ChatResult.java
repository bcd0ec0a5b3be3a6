package dev.draft.client;

import java.util.Comparator;
import java.util.List;

/** The candidates of one request, ordered by index, and the usage the endpoint reported. */
public record ChatResult(List<Choice> choices, Usage usage) {
  public ChatResult {
    choices = choices.stream().sorted(Comparator.comparingInt(Choice::index)).toList();
  }
}

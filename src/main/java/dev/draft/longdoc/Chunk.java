package dev.draft.longdoc;

import java.util.List;
import java.util.Objects;

/**
 * One piece of a document split by {@link Chunker}.
 *
 * @param index its place among the chunks, from 0
 * @param start the offset of its first char in the document
 * @param end the offset after its last char
 * @param overlapEnd where the text it shares with the previous chunk ends: chars [start,
 *     overlapEnd) repeat the previous chunk's end; {@code start} when it shares none
 * @param headings the Markdown heading path in force at {@code start}, outermost first, e.g. {@code
 *     ["Part 2", "Costs"]}; empty before the first heading
 * @param text exactly the document's chars [start, end)
 * @param tokens what the counter counts for {@code text}
 */
public record Chunk(
    int index, int start, int end, int overlapEnd, List<String> headings, String text, int tokens) {
  public Chunk {
    if (index < 0 || start < 0 || overlapEnd < start || end < overlapEnd || tokens < 0) {
      throw new IllegalArgumentException(
          "bad chunk " + index + ": [" + start + ", " + overlapEnd + ", " + end + ")");
    }
    if (text.length() != end - start) {
      throw new IllegalArgumentException("chunk text is not [start, end)");
    }
    headings = List.copyOf(Objects.requireNonNull(headings, "headings"));
  }

  /** The text this chunk adds to the ones before it: its text without the overlap. */
  public String newText() {
    return text.substring(overlapEnd - start);
  }
}

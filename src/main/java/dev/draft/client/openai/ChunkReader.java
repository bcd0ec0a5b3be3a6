package dev.draft.client.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import dev.draft.client.Usage;
import dev.draft.client.openai.StreamChunk.ChoiceDelta;
import dev.draft.client.openai.StreamChunk.Delta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one chunk of a streamed chat completion token by token, without building a JSON tree:
 * building a tree for every chunk took about two thirds of the stream thread (issue 13). It reads
 * what {@link StreamChunk#fromTree} reads and skips everything else, nested objects and arrays
 * included.
 *
 * <p>Where its answer could differ from the tree's it answers null, and the caller reads that chunk
 * as a tree: data that is not one JSON object (or not JSON), a non-null {@code error}, a field the
 * reader uses given twice (a tree keeps the last), and values a tree converts its own way (a number
 * or boolean as text, an {@code index} that is not an {@code int}, a count that is a fraction or
 * beyond a {@code long}). Not thread-safe: one reader serves one stream.
 */
final class ChunkReader {
  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  // One bit per field name, to notice a field given twice in one object.
  private static final int CHOICES = 1;
  private static final int USAGE = 1 << 1;
  private static final int ERROR = 1 << 2;
  private static final int INDEX = 1 << 3;
  private static final int DELTA = 1 << 4;
  private static final int MESSAGE = 1 << 5;
  private static final int FINISH_REASON = 1 << 6;
  private static final int CONTENT = 1 << 7;
  private static final int REASONING_CONTENT = 1 << 8;
  private static final int REASONING = 1 << 9;
  private static final int PROMPT_TOKENS = 1 << 10;
  private static final int COMPLETION_TOKENS = 1 << 11;

  /** Whether the chunk being read holds something the tree might read differently. */
  private boolean unsure;

  /**
   * The chunk in {@code data[offset, offset + length)}, UTF-8 JSON, or null when it must be read as
   * a tree. The caller makes sure the bytes are well-formed UTF-8: Jackson decodes malformed bytes
   * its own way, where a String replaces them with U+FFFD.
   */
  StreamChunk read(byte[] data, int offset, int length) {
    try (JsonParser parser = FACTORY.createParser(data, offset, length)) {
      return read(parser);
    } catch (IOException notJson) {
      return null;
    }
  }

  /** The chunk in {@code data}, or null when it must be read as a tree. */
  StreamChunk read(String data) {
    try (JsonParser parser = FACTORY.createParser(data)) {
      return read(parser);
    } catch (IOException notJson) {
      return null;
    }
  }

  private StreamChunk read(JsonParser parser) throws IOException {
    unsure = false;
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    // As a tree does, only the first value counts: what follows the object is never read.
    StreamChunk chunk = readChunk(parser);
    return unsure ? null : chunk;
  }

  private StreamChunk readChunk(JsonParser parser) throws IOException {
    List<ChoiceDelta> choices = List.of();
    Usage usage = Usage.NONE;
    int seen = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "choices" -> {
          seen = once(seen, CHOICES);
          choices = readChoices(parser);
        }
        case "usage" -> {
          seen = once(seen, USAGE);
          usage = readUsage(parser);
        }
        case "error" -> {
          // An error is the tree's to read: its message comes in many shapes (ServerError).
          seen = once(seen, ERROR);
          unsure |= value != JsonToken.VALUE_NULL;
          parser.skipChildren();
        }
        default -> parser.skipChildren();
      }
    }
    return new StreamChunk(choices, usage);
  }

  private List<ChoiceDelta> readChoices(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return List.of();
    }
    List<ChoiceDelta> choices = new ArrayList<>(1);
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      choices.add(readChoice(parser));
    }
    return choices;
  }

  private ChoiceDelta readChoice(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return ChoiceDelta.NOT_AN_OBJECT;
    }
    int index = 0;
    boolean hasDelta = false;
    Delta delta = null;
    Delta message = null;
    String finishReason = null;
    Usage usage = Usage.NONE;
    int seen = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "index" -> {
          seen = once(seen, INDEX);
          index = readIndex(parser);
        }
        case "delta" -> {
          seen = once(seen, DELTA);
          hasDelta = true;
          delta = readDelta(parser);
        }
        case "message" -> {
          seen = once(seen, MESSAGE);
          message = readDelta(parser);
        }
        case "finish_reason" -> {
          seen = once(seen, FINISH_REASON);
          finishReason = readText(parser);
        }
        case "usage" -> {
          seen = once(seen, USAGE);
          usage = readUsage(parser);
        }
        default -> parser.skipChildren();
      }
    }
    return new ChoiceDelta(index, hasDelta ? delta : message, finishReason, usage);
  }

  /** A {@code delta} or {@code message}; null when it is not an object. */
  private Delta readDelta(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    String content = null;
    String reasoningContent = null;
    String reasoning = null;
    int seen = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "content" -> {
          seen = once(seen, CONTENT);
          content = readText(parser);
        }
        case "reasoning_content" -> {
          seen = once(seen, REASONING_CONTENT);
          reasoningContent = readText(parser);
        }
        case "reasoning" -> {
          seen = once(seen, REASONING);
          reasoning = readText(parser);
        }
        default -> parser.skipChildren(); // role, tool_calls, refusal, annotations, ...
      }
    }
    return new Delta(content, reasoningContent, reasoning);
  }

  /** A usage object's counts; {@link Usage#NONE} when it is not an object. */
  private Usage readUsage(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return Usage.NONE;
    }
    long prompt = 0;
    long completion = 0;
    int seen = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "prompt_tokens" -> {
          seen = once(seen, PROMPT_TOKENS);
          prompt = readCount(parser);
        }
        case "completion_tokens" -> {
          seen = once(seen, COMPLETION_TOKENS);
          completion = readCount(parser);
        }
        default -> parser.skipChildren(); // total_tokens, *_tokens_details, ...
      }
    }
    return new Usage(prompt, completion);
  }

  /** As {@code path("index").asInt(0)}: an int; 0 for null, an object or an array. */
  private int readIndex(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == NumberType.INT) {
      return parser.getIntValue();
    }
    if (token == JsonToken.VALUE_NULL
        || token == JsonToken.START_OBJECT
        || token == JsonToken.START_ARRAY) {
      parser.skipChildren();
      return 0;
    }
    // A string ("1"), a boolean, a fraction or a long: asInt converts each its own way.
    unsure = true;
    return 0;
  }

  /** As {@link Json#text}: a string; null for null, an object or an array. */
  private String readText(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token == JsonToken.VALUE_NULL
        || token == JsonToken.START_OBJECT
        || token == JsonToken.START_ARRAY) {
      parser.skipChildren();
      return null;
    }
    // A number or a boolean, which a tree turns into text of its own making.
    unsure = true;
    return null;
  }

  /**
   * As {@link Json#number}: an integer; 0 for anything that is not a number (a count sent as a
   * string counts nothing).
   */
  private long readCount(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != NumberType.BIG_INTEGER) {
      return parser.getLongValue();
    }
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      // A fraction or a huge count, which asLong cuts its own way.
      unsure = true;
      return 0;
    }
    parser.skipChildren();
    return 0;
  }

  /** Notes that {@code field} was read in an object; read twice, the chunk is the tree's. */
  private int once(int seen, int field) {
    unsure |= (seen & field) != 0;
    return seen | field;
  }
}

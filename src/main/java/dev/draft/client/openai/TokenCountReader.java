package dev.draft.client.openai;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.Response;

/**
 * What a server's {@code POST /tokenize} answered: llama.cpp's {@code {"tokens": [...]}} or vLLM's
 * {@code {"count": n, "max_model_len": m, "tokens": [...]}}. The token list is counted as it is
 * read, never held: a long document's list runs to megabytes.
 */
final class TokenCountReader {
  /** What one answer means. */
  sealed interface Answer {}

  /** The server counted {@code tokens}. */
  record Counted(int tokens) implements Answer {}

  /**
   * The server has no tokenizer there: no such route (404, 405, 501), or an answer that is not a
   * token list (a web page, another API). Worth remembering.
   */
  record Absent() implements Answer {}

  /**
   * No count this time (a refusal of this text, an overload, a body cut short): ask again later.
   */
  record Unanswered() implements Answer {}

  private TokenCountReader() {}

  static Answer read(Response response) {
    int status = response.code();
    if (status == 404 || status == 405 || status == 501) {
      return new Absent();
    }
    if (!response.isSuccessful()) {
      return new Unanswered();
    }
    try (InputStream in = response.body().byteStream()) {
      return parse(in);
    } catch (IOException e) {
      return new Unanswered();
    }
  }

  /**
   * @throws IOException when the body breaks off or turns invalid after a JSON start
   */
  static Answer parse(InputStream in) throws IOException {
    try (JsonParser json = Json.MAPPER.getFactory().createParser(in)) {
      JsonToken first;
      try {
        first = json.nextToken();
      } catch (JsonParseException notJson) {
        return new Absent();
      }
      if (first != JsonToken.START_OBJECT) {
        return new Absent();
      }
      Integer count = null;
      Integer listed = null;
      for (JsonToken field = json.nextToken();
          field == JsonToken.FIELD_NAME;
          field = json.nextToken()) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (name.equals("count") && value == JsonToken.VALUE_NUMBER_INT) {
          count = json.getIntValue();
        } else if (name.equals("tokens") && value == JsonToken.START_ARRAY) {
          listed = countElements(json);
        } else {
          json.skipChildren();
        }
      }
      Integer tokens = count != null ? count : listed;
      return tokens == null || tokens < 0 ? new Absent() : new Counted(tokens);
    }
  }

  /** Counts the elements of the array just opened: ids, or llama.cpp's {id, piece} objects. */
  private static int countElements(JsonParser json) throws IOException {
    int elements = 0;
    for (JsonToken token = json.nextToken();
        token != JsonToken.END_ARRAY;
        token = json.nextToken()) {
      if (token == null) {
        throw new EOFException("the token list ended early");
      }
      json.skipChildren();
      elements++;
    }
    return elements;
  }
}

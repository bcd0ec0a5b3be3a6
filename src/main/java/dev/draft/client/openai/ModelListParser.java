package dev.draft.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.ModelInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code GET /models}: OpenAI's {@code {"data": [...]}}, tolerating {@code "data": null},
 * extra fields, and llama.cpp's extra {@code models} list.
 */
final class ModelListParser {
  private ModelListParser() {}

  static List<ModelInfo> parse(String body, String url) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw new EndpointException(
          Kind.BAD_RESPONSE,
          200,
          "the model list at "
              + url
              + " is not JSON ("
              + ServerError.oneLine(ServerError.parse(body).message())
              + "): check base_url");
    }
    List<ModelInfo> models = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String list : List.of("data", "models")) {
      JsonNode array = root.get(list);
      if (array == null || !array.isArray()) {
        continue;
      }
      for (JsonNode item : array) {
        String id = item.isTextual() ? item.asText() : Json.text(item, "id");
        if (id == null) {
          id = Json.text(item, "model");
        }
        if (id == null) {
          id = Json.text(item, "name");
        }
        if (id != null && seen.add(id)) {
          models.add(new ModelInfo(id, Json.text(item, "owned_by"), contextWindow(item)));
        }
      }
    }
    return models;
  }

  /**
   * The error a 200 answer carries instead of a list ({@code {"error": ...}} and no {@code data}),
   * as some servers and proxies answer a refused key or a failure; null for a list.
   */
  static ServerError error(String body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
    if (root == null
        || !root.isObject()
        || !root.hasNonNull("error")
        || root.path("data").isArray()
        || root.path("models").isArray()) {
      return null;
    }
    return ServerError.fromObject(root);
  }

  /** The HTTP status an error answered with 200 stands for: its code when that is one, else 200. */
  static int status(ServerError error) {
    try {
      int code = Integer.parseInt(String.valueOf(error.code()));
      return code >= 400 && code <= 599 ? code : 200;
    } catch (NumberFormatException notAStatus) {
      return 200;
    }
  }

  /** The window a server reports for a model, under whichever name it uses, or null. */
  private static Integer contextWindow(JsonNode item) {
    if (!item.isObject()) {
      return null;
    }
    for (String field :
        new String[] {"context_length", "max_model_len", "context_window", "max_context_length"}) {
      long value = Json.number(item, field);
      if (value > 0) {
        return (int) Math.min(value, Integer.MAX_VALUE);
      }
    }
    // llama.cpp: n_ctx is what each slot takes (the server's context over its slots); n_ctx_train,
    // what the model was trained for, is often more than the server will accept.
    for (String field : new String[] {"n_ctx", "n_ctx_train"}) {
      long llamaCpp = Json.number(item.path("meta"), field);
      if (llamaCpp > 0) {
        return (int) Math.min(llamaCpp, Integer.MAX_VALUE);
      }
    }
    return null;
  }
}

package dev.draft.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.draft.text.Listing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a judge model answered, read from its reply: every label once, best first, and a one-line
 * note per label. A pure parser: the reply should be one JSON object {@code {"ranking": ["C", "A",
 * "B"], "notes": {"A": "...", ...}}}, but models wrap it in a code fence or a sentence, quote
 * loosely, or write {@code "Draft A"}; all of that is tolerated. A ranking that leaves a label out,
 * names one twice or names one that was not shown is not: it is no ranking of these drafts.
 *
 * @param ranking the labels, best first, each exactly once
 * @param notes a note per label, in ranking order; a label the judge wrote no note for has none
 */
public record JudgeReply(List<String> ranking, Map<String, String> notes) {
  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .build();

  /** How many opening braces are tried before giving up on a long, chatty reply. */
  private static final int MAX_ATTEMPTS = 100;

  public JudgeReply {
    ranking = List.copyOf(ranking);
    notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
  }

  /** The reply cannot be read as a ranking of the labels; the message says why, in a few words. */
  public static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * Reads a judge's reply.
   *
   * @param labels the labels the drafts were shown under, e.g. A, B, C
   * @throws Unreadable when the reply holds no JSON object with a {@code ranking}, or the ranking
   *     is not every label exactly once
   */
  public static JudgeReply parse(String reply, List<String> labels) {
    if (reply == null || reply.isBlank()) {
      throw new Unreadable("the answer was empty");
    }
    JsonNode answer = rankingObject(reply);
    if (answer == null) {
      throw new Unreadable("it holds no JSON object with a \"ranking\"");
    }
    List<String> ranking = ranking(answer.get("ranking"), labels);
    Map<String, String> notes = new LinkedHashMap<>();
    Map<String, String> given = notes(answer.get("notes"), labels);
    for (String label : ranking) {
      if (given.containsKey(label)) {
        notes.put(label, given.get(label));
      }
    }
    return new JudgeReply(ranking, notes);
  }

  /** The first object in the text that has (or holds one that has) a {@code ranking}, or null. */
  private static JsonNode rankingObject(String reply) {
    int attempts = 0;
    for (int at = reply.indexOf('{');
        at >= 0 && attempts < MAX_ATTEMPTS;
        at = reply.indexOf('{', at + 1)) {
      attempts++;
      JsonNode node;
      try {
        // Reads one value and ignores what follows it: prose, a closing fence.
        node = LENIENT.readTree(reply.substring(at));
      } catch (JsonProcessingException notHere) {
        continue;
      }
      JsonNode parent = node == null ? null : node.findParent("ranking");
      if (parent != null) {
        return parent;
      }
    }
    return null;
  }

  private static List<String> ranking(JsonNode node, List<String> labels) {
    List<String> raw = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (!item.isValueNode() || item.isNull()) {
          throw new Unreadable("the ranking holds " + item + ", not a label");
        }
        raw.add(item.asText());
      }
    } else if (node.isTextual()) {
      // "C, A, B" or "C > A > B"
      for (String part : node.asText().split("[,>;\\s]+")) {
        if (!part.isBlank()) {
          raw.add(part);
        }
      }
    } else {
      throw new Unreadable("the ranking is " + node + ", not a list of labels");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String item : raw) {
      String label = label(item);
      if (!labels.contains(label)) {
        throw new Unreadable(
            "the ranking names \""
                + item.strip()
                + "\", which is not one of "
                + Listing.and(labels));
      }
      if (!seen.add(label)) {
        throw new Unreadable("the ranking names " + label + " twice");
      }
    }
    List<String> missing = labels.stream().filter(l -> !seen.contains(l)).toList();
    if (!missing.isEmpty()) {
      throw new Unreadable("the ranking leaves out " + Listing.and(missing));
    }
    return List.copyOf(seen);
  }

  private static Map<String, String> notes(JsonNode node, List<String> labels) {
    Map<String, String> notes = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      return notes; // notes are a courtesy; a ranking without them is still a ranking
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String label = label(field.getKey());
      JsonNode value = field.getValue();
      if (labels.contains(label) && !value.isNull()) {
        String note = (value.isValueNode() ? value.asText() : value.toString()).strip();
        if (!note.isEmpty()) {
          notes.put(label, note.replaceAll("\\s+", " "));
        }
      }
    }
    return notes;
  }

  /** {@code "Draft A"}, {@code "a"}, {@code "(A)"} and {@code "A."} all mean A. */
  static String label(String raw) {
    String text = raw.strip().replaceAll("^[\\[(\"'`*]+|[\\])\"'`*.:,]+$", "").strip();
    if (text.regionMatches(true, 0, "draft ", 0, "draft ".length())) {
      text = text.substring("draft ".length()).strip();
    }
    return text.toUpperCase(Locale.ROOT);
  }
}

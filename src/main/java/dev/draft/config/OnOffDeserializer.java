package dev.draft.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads {@code on}/{@code off} (and YAML's {@code true}/{@code false}) into a boolean that is on
 * when the key is absent or empty.
 */
final class OnOffDeserializer extends JsonDeserializer<Boolean> {

  @Override
  public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return token == JsonToken.VALUE_TRUE;
    }
    if (token == JsonToken.VALUE_STRING) {
      switch (p.getText().strip().toLowerCase(Locale.ROOT)) {
        case "on":
          return true;
        case "off":
          return false;
        default:
          return (Boolean) ctxt.handleWeirdStringValue(Boolean.class, p.getText(), "not on/off");
      }
    }
    return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
  }

  @Override
  public Boolean getNullValue(DeserializationContext ctxt) {
    return true;
  }

  @Override
  public Object getAbsentValue(DeserializationContext ctxt) {
    return true;
  }
}

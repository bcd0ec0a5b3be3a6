package dev.draft.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;

/** Binds {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h} or a bare number of seconds. */
final class DurationDeserializer extends JsonDeserializer<Duration> {

  @Override
  public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    try {
      if (token == JsonToken.VALUE_STRING) {
        return DurationText.parse(p.getText());
      }
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return DurationText.ofSeconds(p.getDecimalValue());
      }
    } catch (IllegalArgumentException badDuration) {
      return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(), "not a duration");
    }
    return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
  }
}

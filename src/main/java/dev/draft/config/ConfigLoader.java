package dev.draft.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.draft.text.DidYouMean;
import dev.draft.text.IoProblems;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code config.yaml} strictly: anything it does not understand is an error naming the file,
 * the line, the key and the fix, because a silently ignored typo sends requests to the wrong place.
 */
public final class ConfigLoader {
  private static final YAMLFactory YAML = new YAMLFactory();

  // Shared and immutable once built: Jackson readers are thread-safe.
  private static final ObjectReader READER =
      new ObjectMapper(YAML)
          .registerModule(
              new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()))
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .readerFor(Config.class);

  private ConfigLoader() {}

  /**
   * Loads and checks the file. A missing file, or one holding only comments, is an empty config.
   *
   * @throws ConfigException when the file cannot be read or is not a valid config
   */
  public static Config load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException missing) {
      return Config.empty();
    } catch (CharacterCodingException notUtf8) {
      throw new ConfigException(file + ": not UTF-8 text; save it as UTF-8", notUtf8);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read "
              + file
              + ": "
              + IoProblems.reason(e)
              + (Files.isDirectory(file)
                  ? "; config.yaml must be a file: move the directory aside, then 'draft config"
                      + " init' writes a starter"
                  : ""),
          e);
    }
    return parse(text, file);
  }

  /** Checks {@code text} as if it were the contents of {@code file}. */
  static Config parse(String text, Path file) {
    SourceMap source;
    try (JsonParser parser = YAML.createParser(text)) {
      source = SourceMap.read(parser, file);
    } catch (IOException e) {
      throw syntaxError(file, e);
    }
    if (source.isEmpty()) {
      return Config.empty();
    }
    Config config;
    try {
      config = READER.readValue(text);
    } catch (InvalidDefinitionException bug) {
      throw new IllegalStateException("config model is not bindable", bug);
    } catch (JsonProcessingException e) {
      throw new BindingError(file, source).translate(e);
    }
    new ConfigChecks(file, source).check(config);
    return config;
  }

  private static ConfigException syntaxError(Path file, IOException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
      // An unclosed quote or bracket is found only at the end of the file; the line it opened on
      // is the one to fix.
      boolean unclosed =
          yaml.getProblem().contains("end of stream") && yaml.getContextMark() != null;
      int line = (unclosed ? yaml.getContextMark() : yaml.getProblemMark()).getLine() + 1;
      return ConfigException.at(
          file,
          line,
          "invalid YAML: "
              + yaml.getProblem()
              + context
              + "; check the indentation, and quote values containing ': ' or starting with"
              + " a special character");
    }
    int line = e instanceof JsonProcessingException j ? lineOf(j.getLocation()) : 1;
    return ConfigException.at(file, line, "invalid YAML: " + firstLine(e.getMessage()));
  }

  private static int lineOf(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
  }

  private static String firstLine(String message) {
    String text = Objects.requireNonNullElse(message, "unreadable");
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** Words a Jackson binding failure in the config's own terms, at the line of the key. */
  private record BindingError(Path file, SourceMap source) {

    ConfigException translate(JsonProcessingException e) {
      if (e instanceof UnrecognizedPropertyException unknown) {
        return unknownKey(path(unknown), unknown.getKnownPropertyIds());
      }
      // A number too large for an int fails in the parser, which knows the line but not the key.
      List<String> path =
          e instanceof JsonMappingException mapping
              ? path(mapping)
              : source.pathAtLine(lineOf(e.getLocation()));
      SourceMap.Spot spot = source.spot(path);
      return ConfigException.at(file, spot.line(), ConfigKeys.mustBe(path, spot.shown()));
    }

    private ConfigException unknownKey(List<String> path, Collection<Object> known) {
      String key = path.get(path.size() - 1);
      List<String> parent = path.subList(0, path.size() - 1);
      int line = source.line(path);
      if (key.equals("api_key")) {
        return ConfigException.at(
            file,
            line,
            "'api_key' is not allowed "
                + ConfigKeys.where(parent)
                + ": keys never go in the config file; use api_key_env (the variable holding the"
                + " key) or api_key_cmd (a command that prints it) instead");
      }
      List<String> names = known.stream().map(String::valueOf).sorted().toList();
      String hint = DidYouMean.hint(key, names);
      String fix = hint.isEmpty() ? "; known keys: " + String.join(", ", names) : hint;
      return ConfigException.at(
          file, line, "unknown key '" + key + "' " + ConfigKeys.where(parent) + fix);
    }

    private static List<String> path(JsonMappingException e) {
      List<String> path = new ArrayList<>();
      for (JsonMappingException.Reference reference : e.getPath()) {
        path.add(
            reference.getFieldName() != null
                ? reference.getFieldName()
                : String.valueOf(reference.getIndex()));
      }
      return List.copyOf(path);
    }
  }
}

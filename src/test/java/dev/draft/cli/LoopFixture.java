package dev.draft.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.openai.WireFixture;
import dev.draft.history.HistoryStore;
import dev.draft.history.StoredEvent;
import dev.draft.history.StoredRun;
import dev.draft.template.Rendered;
import dev.draft.template.Template;
import dev.draft.template.TemplateLibrary;
import dev.draft.template.TemplateRenderer;
import dev.draft.template.TemplateValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tests of the drafting loop (refine, merge, judge, pick, edit) share: a first run to work
 * on, answers by what a request contains, the run ids from stderr, and the history read back.
 */
final class LoopFixture {
  static final String CHAT = "/v1/chat/completions";

  /** The texts of the three drafts of {@link #firstRun}. */
  static final List<String> COLOURS = List.of("Red is warm.", "Green is calm.", "Blue is deep.");

  private static final Pattern SAVED_AS =
      Pattern.compile("draft: saved as (r[0-9a-z]{9}); 'draft show \\1' prints it again\n");

  private LoopFixture() {}

  /** An event stream with one choice per text, each finished with {@code stop}. */
  static String choices(String... texts) {
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      chunks.add(Sse.role(i));
    }
    for (int i = 0; i < texts.length; i++) {
      chunks.add(Sse.text(i, texts[i]));
    }
    for (int i = 0; i < texts.length; i++) {
      chunks.add(Sse.finish(i, "stop"));
    }
    chunks.add(Sse.usage(10, 5));
    return Sse.body(chunks.toArray(String[]::new));
  }

  /** Streamed requests whose body contains {@code marker} get {@code texts}, one per choice. */
  static void answer(WireMockExtension server, String marker, String... texts) {
    server.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .withRequestBody(containing(marker))
            .willReturn(Sse.stream(choices(texts))));
  }

  /** The judge's request (the one not streamed) gets {@code reply} as its answer. */
  static void judgeAnswers(WireMockExtension server, String reply) {
    server.stubFor(
        post(CHAT)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(WireFixture.jsonResponse(200, WireFixture.completion(reply))));
  }

  /** Runs {@code draft ask "Name three colours" -n 3} (drafts {@link #COLOURS}); its run id. */
  static String firstRun(CliHarness cli, WireMockExtension server, String baseUrl) {
    answer(server, "Name three colours", COLOURS.toArray(String[]::new));
    CliHarness.Result result =
        cli.run("ask", "--base-url", baseUrl, "-m", "m1", "-n", "3", "Name three colours");
    assertThat(result.exitCode()).as(result.err()).isZero();
    return savedAs(result);
  }

  /** The id of the run from the "saved as" line on stderr. */
  static String savedAs(CliHarness.Result result) {
    Matcher saved = SAVED_AS.matcher(result.err());
    assertThat(saved.find()).as("a 'saved as' line in %s", result.err()).isTrue();
    return saved.group(1);
  }

  /** The run as the history holds it now. */
  static StoredRun stored(Path home, String run) {
    try (HistoryStore store = HistoryStore.open(home.resolve("history.db"))) {
      return store.run(run).orElseThrow();
    }
  }

  /** The events of a run, as kind, draft and payload (parsed). */
  record Event(String kind, Integer draft, JsonNode payload) {}

  static List<Event> events(Path home, String run) {
    List<Event> events = new ArrayList<>();
    for (StoredEvent event : stored(home, run).events()) {
      events.add(new Event(event.kind(), event.draftIndex(), WireFixture.parse(event.payload())));
    }
    return events;
  }

  /** JSON written with single quotes: {@code json("{'by':'judge'}")}. */
  static JsonNode json(String singleQuoted) {
    return WireFixture.parse(WireFixture.json(singleQuoted));
  }

  /** A shipped template rendered with {@code values}, as draft renders it. */
  static Rendered shipped(String name, Map<String, String> values) {
    Template template = TemplateLibrary.discover(null, null).find(name).orElseThrow().load();
    return TemplateRenderer.render(template, TemplateValues.resolve(template, values), null);
  }
}

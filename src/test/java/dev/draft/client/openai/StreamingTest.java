package dev.draft.client.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.draft.client.openai.WireFixture.chatBodies;
import static dev.draft.client.openai.WireFixture.chunk;
import static dev.draft.client.openai.WireFixture.completion;
import static dev.draft.client.openai.WireFixture.eventStream;
import static dev.draft.client.openai.WireFixture.finish;
import static dev.draft.client.openai.WireFixture.json;
import static dev.draft.client.openai.WireFixture.jsonResponse;
import static dev.draft.client.openai.WireFixture.request;
import static dev.draft.client.openai.WireFixture.role;
import static dev.draft.client.openai.WireFixture.settings;
import static dev.draft.client.openai.WireFixture.sse;
import static dev.draft.client.openai.WireFixture.sseWithoutDone;
import static dev.draft.client.openai.WireFixture.stream;
import static dev.draft.client.openai.WireFixture.text;
import static dev.draft.client.openai.WireFixture.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatResult;
import dev.draft.client.Choice;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.Outcome;
import dev.draft.client.Usage;
import dev.draft.client.openai.WireFixture.RecordingListener;
import dev.draft.client.openai.WireFixture.RecordingSleeper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Streamed answers, each served the way a real server sends it. */
class StreamingTest {
  private static final String CHAT = "/v1/chat/completions";

  @RegisterExtension static WireMockExtension wm = WireFixture.server();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RecordingListener listener = new RecordingListener();
  private final CapabilityStore capabilities = CapabilityStore.inMemory();

  private ChatResult complete(int n) {
    return complete(settings(wm), n);
  }

  private ChatResult complete(WireFixture.Settings settings, int n) {
    return WireFixture.client(settings.build(), capabilities, sleeper)
        .complete(request(n, true), listener);
  }

  private static Choice only(ChatResult result) {
    assertThat(result.choices()).hasSize(1);
    return result.choices().get(0);
  }

  @Test
  void interleavedIndicesWithNTwoBuildTwoSeparateDrafts() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        role(0),
                        role(1),
                        text(0, "Nile"),
                        text(1, "Amazon"),
                        text(1, " river"),
                        text(0, " river"),
                        finish(1, "stop"),
                        finish(0, "length"),
                        usage(20, 8)))));

    ChatResult result = complete(2);

    assertThat(result.choices()).extracting(Choice::index).containsExactly(0, 1);
    assertThat(result.choices())
        .extracting(Choice::text)
        .containsExactly("Nile river", "Amazon river");
    assertThat(result.choices())
        .extracting(Choice::outcome)
        .containsExactly(Outcome.TRUNCATED, Outcome.COMPLETE);
    assertThat(result.usage()).isEqualTo(new Usage(20, 8));
    assertThat(listener.events()).containsExactly("0:Nile", "1:Amazon", "1: river", "0: river");
  }

  @Test
  void severalChoicesInOneChunkAreSplitByIndex() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        chunk(
                            "[{'index':1,'delta':{'role':'assistant','content':'Rhine'}},"
                                + "{'index':0,'delta':{'role':'assistant','content':'Volga'}}]"),
                        chunk(
                            "[{'index':0,'delta':{'content':'!'},'finish_reason':'stop'},"
                                + "{'index':1,'delta':{'content':'?'},'finish_reason':'stop'}]")))));

    ChatResult result = complete(2);

    assertThat(result.choices()).extracting(Choice::text).containsExactly("Volga!", "Rhine?");
    assertThat(result.choices()).allMatch(c -> c.outcome() == Outcome.COMPLETE);
    assertThat(listener.events()).containsExactly("1:Rhine", "0:Volga", "0:!", "1:?");
  }

  @Test
  void usageChunkWithEmptyChoicesAddsUsageButNoCandidate() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(sse(role(0), text(0, "Nile"), finish(0, "stop"), usage(14, 2)))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("Nile");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(result.usage()).isEqualTo(new Usage(14, 2));
  }

  @Test
  void azurePromptFilterAnnotationsAreNotCandidates() {
    // Azure OpenAI: a first chunk with empty choices carrying the prompt filter results, filter
    // results on every choice, and (asynchronous filter) an annotation after the finish chunk.
    String filters =
        "{'hate':{'filtered':false,'severity':'safe'},'self_harm':{'filtered':false,"
            + "'severity':'safe'},'sexual':{'filtered':false,'severity':'safe'},"
            + "'violence':{'filtered':false,'severity':'safe'}}";
    String tail =
        ",'created':1741944413,'id':'chatcmpl-AzUre1','model':'gpt-4o-2024-08-06',"
            + "'object':'chat.completion.chunk','system_fingerprint':'fp_b705f0c291'}";
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        json(
                            "{'choices':[],'created':0,'id':'','model':'','object':'',"
                                + "'prompt_filter_results':[{'prompt_index':0,"
                                + "'content_filter_results':"
                                + filters
                                + "}]}"),
                        json(
                            "{'choices':[{'content_filter_results':{},'delta':{'content':'',"
                                + "'refusal':null,'role':'assistant'},'finish_reason':null,"
                                + "'index':0,'logprobs':null}]"
                                + tail),
                        json(
                            "{'choices':[{'content_filter_results':"
                                + filters
                                + ",'delta':{'content':'Danube'},'finish_reason':null,"
                                + "'index':0,'logprobs':null}]"
                                + tail),
                        json(
                            "{'choices':[{'content_filter_results':{},'delta':{},"
                                + "'finish_reason':'stop','index':0,'logprobs':null}]"
                                + tail),
                        json(
                            "{'choices':[{'content_filter_offsets':{'check_offset':0,"
                                + "'start_offset':0,'end_offset':6},'content_filter_results':"
                                + filters
                                + ",'finish_reason':null,'index':0}]"
                                + tail)))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("Danube");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(only(result).finishReason()).isEqualTo("stop");
  }

  @Test
  void roleOnEveryChunkIsNotText() {
    // Ollama's compatible API repeats the role on every chunk, the finish chunk included.
    String head =
        "{'id':'chatcmpl-512','object':'chat.completion.chunk','created':1741944413,"
            + "'model':'llama3.2','system_fingerprint':'fp_ollama','choices':[{'index':0,";
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        json(
                            head
                                + "'delta':{'role':'assistant','content':'The'},"
                                + "'finish_reason':null}]}"),
                        json(
                            head
                                + "'delta':{'role':'assistant','content':' Nile'},"
                                + "'finish_reason':null}]}"),
                        json(
                            head
                                + "'delta':{'role':'assistant','content':''},"
                                + "'finish_reason':'stop'}]}")))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("The Nile");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(listener.events()).containsExactly("0:The", "0: Nile");
  }

  @Test
  void contentNullAbsentOrEmptyAddsNothing() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        chunk("[{'index':0,'delta':{'role':'assistant','content':null}}]"),
                        chunk("[{'index':0,'delta':{}}]"),
                        chunk("[{'index':0,'delta':{'content':''}}]"),
                        text(0, "Nile"),
                        chunk("[{'index':0,'delta':{'content':null},'finish_reason':'stop'}]")))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("Nile");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(listener.events()).containsExactly("0:Nile");
  }

  @Test
  void textInTheFinishChunkIsKept() {
    // Gemini's compatible API sends the last words together with the finish reason.
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        json(
                            "{'choices':[{'delta':{'content':'The Amazon','role':'assistant'},"
                                + "'index':0}],'created':1741944413,'model':'gemini-2.0-flash',"
                                + "'object':'chat.completion.chunk'}"),
                        json(
                            "{'choices':[{'delta':{'content':' river.','role':'assistant'},"
                                + "'finish_reason':'stop','index':0}],'created':1741944413,"
                                + "'model':'gemini-2.0-flash','object':'chat.completion.chunk'}")))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("The Amazon river.");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
  }

  @Test
  void unknownFieldsAnywhereAreIgnored() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    "event: message\nid: 1\nretry: 3000\ndata: "
                        + json(
                            "{'id':'gen-1741944413-x','provider':'Fireworks','model':'m',"
                                + "'object':'chat.completion.chunk','created':1741944413,"
                                + "'choices':[{'index':0,'delta':{'role':'assistant',"
                                + "'content':'Yangtze','tool_calls':null,'audio':{},"
                                + "'annotations':[]},'logprobs':{'content':[{'token':'Y',"
                                + "'logprob':-0.1}]},'native_finish_reason':null,"
                                + "'matched_stop':null,'finish_reason':null}],"
                                + "'x_groq':{'id':'req_01'},'usage':null}")
                        + "\n\n"
                        + sse(
                            chunk(
                                "[{'index':0,'delta':{},'finish_reason':'stop',"
                                    + "'native_finish_reason':'STOP','stop_reason':null}]")))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("Yangtze");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
  }

  @Test
  void keepAliveCommentsDuringPausesResetTheIdleTimer() {
    // OpenRouter sends ": OPENROUTER PROCESSING" while the model thinks. The comments alone take
    // longer than the idle timeout to arrive, in gaps well below it: only comments keep it alive.
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      body.append(": OPENROUTER PROCESSING\n\n");
    }
    String answer = stream("Nile");
    body.append(answer);
    int comments = 40 * ": OPENROUTER PROCESSING\n\n".length();
    assertThat(comments).isGreaterThan(answer.length());
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(eventStream(body.toString()).withChunkedDribbleDelay(16, 1600)));

    long start = System.nanoTime();
    ChatResult result = complete(settings(wm).idleTimeout(Duration.ofMillis(500)), 1);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(only(result).text()).isEqualTo("Nile");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(took)
        .as("the whole answer took longer than the idle timeout")
        .isGreaterThan(Duration.ofMillis(1000));
    assertThat(chatBodies(wm)).hasSize(1);
  }

  @Test
  void crlfFramingIsParsed() {
    // sse-starlette (behind many Python servers) ends lines with CRLF by default.
    String body = sse(role(0), text(0, "Mekong"), finish(0, "stop")).replace("\n", "\r\n");
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(body)));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("Mekong");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
  }

  @Test
  void streamWithoutDoneIsCompleteOnceTheFinishReasonArrived() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(eventStream(sseWithoutDone(role(0), text(0, "Congo"), finish(0, "stop")))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("Congo");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(only(result).error()).isNull();
  }

  @Test
  void streamEndingWithoutFinishReasonIsInterruptedWithThePartialText() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(eventStream(sseWithoutDone(role(0), text(0, "The Mis"), text(0, "sis")))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("The Missis");
    assertThat(only(result).outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(only(result).finishReason()).isNull();
    assertThat(only(result).error()).contains("ended before the model finished");
    assertThat(chatBodies(wm)).as("content arrived: never retried").hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void doneWithoutFinishReasonIsInterrupted() {
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(eventStream(sse(role(0), text(0, "The Mis")))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("The Mis");
    assertThat(only(result).outcome()).isEqualTo(Outcome.INTERRUPTED);
  }

  @Test
  void errorEventFollowedByDoneFailsThatDraftWithTheServersMessage() {
    // llama.cpp and vLLM report a failure mid-stream as an error object, then still send [DONE].
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        role(0),
                        text(0, "The Vol"),
                        json(
                            "{'error':{'object':'error','message':'CUDA out of memory while "
                                + "decoding','type':'InternalServerError','param':null,"
                                + "'code':500}}")))));

    ChatResult result = complete(1);

    assertThat(only(result).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(only(result).text()).isEqualTo("The Vol");
    assertThat(only(result).error()).contains("CUDA out of memory while decoding");
    assertThat(chatBodies(wm)).hasSize(1);
  }

  @Test
  void errorChunkWithFinishReasonErrorFailsTheDraft() {
    // OpenRouter's mid-stream error: the error object next to a choice finished with "error".
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        role(0),
                        text(0, "Orinoco"),
                        json(
                            "{'id':'gen-1','object':'chat.completion.chunk','created':1741944413,"
                                + "'model':'openai/gpt-4o','provider':'OpenAI','error':{"
                                + "'code':'server_error','message':'Provider disconnected "
                                + "unexpectedly'},'choices':[{'index':0,'delta':{'content':''},"
                                + "'finish_reason':'error'}]}")))));

    ChatResult result = complete(1);

    assertThat(only(result).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(only(result).text()).isEqualTo("Orinoco");
    assertThat(only(result).error()).contains("Provider disconnected unexpectedly");
  }

  @Test
  void errorEventBeforeAnyTextFailsEveryRequestedDraft() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(json("{'error':{'message':'The server is overloaded','code':503}}")))));

    ChatResult result = complete(2);

    assertThat(result.choices()).hasSize(2);
    assertThat(result.choices()).allMatch(c -> c.outcome() == Outcome.FAILED);
    assertThat(result.choices()).allMatch(c -> c.error().contains("The server is overloaded"));
  }

  @Test
  void connectionDroppedMidEventKeepsThePartialDraftAndIsNotRetried() {
    // The server promised more bytes than it sent, then closed: OkHttp reports the same
    // "unexpected end of stream" as for a chunked stream cut short. The cut is inside an event.
    String sent = sseWithoutDone(role(0), text(0, "The Ama")) + "data: {\"id\":\"chatcmpl-B9";
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(sent)
                    .withHeader("Content-Length", String.valueOf(sent.length() + 400))
                    .withChunkedDribbleDelay(2, 40)));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("The Ama");
    assertThat(only(result).outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(only(result).outcome().delivered()).isFalse();
    assertThat(only(result).error()).contains("connection dropped");
    assertThat(chatBodies(wm)).as("content arrived: never retried").hasSize(1);
    assertThat(sleeper.delays()).isEmpty();
  }

  @Test
  void connectionDroppedBeforeAnyTextIsRetried() {
    // Only the role chunk arrived: the user saw nothing, so asking again loses nothing.
    String sent = sseWithoutDone(role(0));
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("drop")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("dropped")
            .willReturn(
                eventStream(sent)
                    .withHeader("Content-Length", String.valueOf(sent.length() + 400))
                    .withChunkedDribbleDelay(2, 40)));
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .inScenario("drop")
            .whenScenarioStateIs("dropped")
            .willReturn(eventStream(stream("Amazon"))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("Amazon");
    assertThat(only(result).outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(chatBodies(wm)).hasSize(2);
    assertThat(sleeper.delays()).hasSize(1);
  }

  @Test
  void reasoningContentIsKeptApartFromText() {
    // DeepSeek's reasoner: reasoning_content first, content null; then content, reasoning null.
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        chunk(
                            "[{'index':0,'delta':{'role':'assistant','content':null,"
                                + "'reasoning_content':''}}]"),
                        chunk(
                            "[{'index':0,'delta':{'content':null,'reasoning_content':'Rivers"
                                + " by length'}}]"),
                        chunk("[{'index':0,'delta':{'content':null,'reasoning_content':'...'}}]"),
                        chunk("[{'index':0,'delta':{'content':'Nile','reasoning_content':null}}]"),
                        finish(0, "stop")))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("Nile");
    assertThat(only(result).reasoning()).isEqualTo("Rivers by length...");
    assertThat(listener.events()).containsExactly("0~Rivers by length", "0~...", "0:Nile");
  }

  @Test
  void reasoningFieldIsKeptApartFromText() {
    // OpenRouter and newer Ollama name it "reasoning".
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        chunk(
                            "[{'index':0,'delta':{'role':'assistant','content':'',"
                                + "'reasoning':'Think.'}}]"),
                        chunk("[{'index':0,'delta':{'content':'Nile','reasoning':null}}]"),
                        finish(0, "stop")))));

    ChatResult result = complete(1);

    assertThat(only(result).text()).isEqualTo("Nile");
    assertThat(only(result).reasoning()).isEqualTo("Think.");
  }

  @Test
  void finishReasonLengthIsTruncated() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(eventStream(sse(role(0), text(0, "The longest"), finish(0, "length")))));

    Choice choice = only(complete(1));

    assertThat(choice.outcome()).isEqualTo(Outcome.TRUNCATED);
    assertThat(choice.finishReason()).isEqualTo("length");
    assertThat(choice.text()).isEqualTo("The longest");
  }

  @Test
  void finishReasonContentFilterIsFiltered() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(eventStream(sse(role(0), text(0, "I"), finish(0, "content_filter")))));

    Choice choice = only(complete(1));

    assertThat(choice.outcome()).isEqualTo(Outcome.FILTERED);
    assertThat(choice.finishReason()).isEqualTo("content_filter");
  }

  @Test
  void usageInTheFinishChunkIsRead() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        json(
                            "{'choices':[{'delta':{'content':'Nile','role':'assistant'},"
                                + "'finish_reason':'stop','index':0}],'created':1741944413,"
                                + "'model':'gemini-2.0-flash','object':'chat.completion.chunk',"
                                + "'usage':{'completion_tokens':1,'prompt_tokens':9,"
                                + "'total_tokens':10}}")))));

    ChatResult result = complete(1);

    assertThat(result.usage()).isEqualTo(new Usage(9, 1));
    assertThat(only(result).usage()).isEqualTo(new Usage(9, 1));
  }

  @Test
  void usageOnEveryChunkIsARunningTotalAndTheLastWins() {
    String head =
        "{'id':'c','object':'chat.completion.chunk','created':1741944413,'model':'m','choices':";
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                eventStream(
                    sse(
                        json(
                            head
                                + "[{'index':0,'delta':{'content':'A'}}],'usage':{"
                                + "'prompt_tokens':9,'completion_tokens':1,'total_tokens':10}}"),
                        json(
                            head
                                + "[{'index':0,'delta':{'content':'B'}}],'usage':{"
                                + "'prompt_tokens':9,'completion_tokens':2,'total_tokens':11}}"),
                        json(
                            head
                                + "[{'index':0,'delta':{},'finish_reason':'stop'}],'usage':{"
                                + "'prompt_tokens':9,'completion_tokens':3,'total_tokens':12}}")))));

    assertThat(complete(1).usage()).isEqualTo(new Usage(9, 3));
  }

  @Test
  void usageInASeparateFinalChunkIsRead() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(eventStream(sse(role(0), text(0, "A"), finish(0, "stop"), usage(30, 7)))));

    assertThat(complete(1).usage()).isEqualTo(new Usage(30, 7));
  }

  @Test
  void jsonErrorBodyWith400IsAnErrorNotAStream() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                jsonResponse(
                    400,
                    json(
                        "{'error':{'message':'Invalid value for \\u0027temperature\\u0027: must"
                            + " be at most 2.','type':'invalid_request_error',"
                            + "'param':'temperature','code':'invalid_value'}}"))));

    EndpointException e = catchThrowableOfType(EndpointException.class, () -> complete(1));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("Invalid value for 'temperature': must be at most 2.");
  }

  @Test
  void statusIsCheckedBeforeTheBodyIsReadAsAStream() {
    // A proxy that labels every answer of the route as an event stream, errors included.
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        json("{'error':{'message':'messages: field required','code':null}}"))));

    EndpointException e = catchThrowableOfType(EndpointException.class, () -> complete(1));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage()).contains("messages: field required");
  }

  @Test
  void wholeJsonCompletionWhenAStreamWasAskedForIsRead() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(completion("Nile", "Amazon"))));

    ChatResult result = complete(2);

    assertThat(result.choices()).extracting(Choice::text).containsExactly("Nile", "Amazon");
    assertThat(result.choices()).allMatch(c -> c.outcome() == Outcome.COMPLETE);
    assertThat(result.usage()).isEqualTo(new Usage(19, 10));
  }

  @Test
  void streamLabelledJsonIsReadAsAStream() {
    // Some gateways label every answer application/json, event streams included.
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(stream("The ", "Nile"))));

    Choice choice = only(complete(1));

    assertThat(choice.text()).isEqualTo("The Nile");
    assertThat(choice.outcome()).isEqualTo(Outcome.COMPLETE);
    assertThat(listener.events()).containsExactly("0:The ", "0:Nile");
    assertThat(chatBodies(wm)).hasSize(1);
  }

  @Test
  void htmlPageWith502IsAProxyPageAfterRetries() {
    wm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Content-Type", "text/html")
                    .withBody(
                        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx"
                            + "</center>\r\n</body>\r\n</html>\r\n")));

    EndpointException e = catchThrowableOfType(EndpointException.class, () -> complete(1));

    assertThat(e.kind()).isEqualTo(Kind.PROXY_PAGE);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage())
        .contains("502 Bad Gateway")
        .contains("3 attempts")
        .doesNotContain("\n");
    assertThat(chatBodies(wm)).hasSize(3);
  }
}

package dev.draft.client.openai;

import static dev.draft.client.openai.WireFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link ServerError} reads from an error body, shape by shape, and what it concludes. */
class ServerErrorTest {
  private static ServerError message(String message) {
    return ServerError.parse("{\"error\":{\"message\":\"" + message + "\"}}");
  }

  // ---- shapes of the body

  @Test
  void openAiErrorObjectGivesMessageCodeAndParam() {
    ServerError error =
        ServerError.parse(
            json(
                "{'error':{'message':'Invalid value for n','type':'invalid_request_error',"
                    + "'param':'n','code':'integer_above_max_value'}}"));

    assertThat(error)
        .isEqualTo(new ServerError("Invalid value for n", "integer_above_max_value", "n", false));
  }

  @Test
  void codeFallsBackToTypeAndIsLowerCase() {
    ServerError error =
        ServerError.parse(json("{'error':{'message':'m','type':'Invalid_Request_Error'}}"));

    assertThat(error.code()).isEqualTo("invalid_request_error");
  }

  @Test
  void nullOrBlankCodeFallsBackToType() {
    assertThat(ServerError.parse(json("{'error':{'message':'m','code':null,'type':'t'}}")).code())
        .isEqualTo("t");
    assertThat(ServerError.parse(json("{'error':{'message':'m','code':' ','type':'t'}}")).code())
        .isEqualTo("t");
  }

  @Test
  void numericCodeIsKeptAsText() {
    assertThat(ServerError.parse(json("{'error':{'message':'m','code':429}}")).code())
        .isEqualTo("429");
  }

  @Test
  void bodyWithoutCodeOrTypeHasNoCode() {
    assertThat(ServerError.parse(json("{'error':{'message':'m'}}")).code()).isNull();
  }

  @Test
  void llamaCppContextRefusalGivesWindowAndPromptSize() {
    ServerError error =
        ServerError.parse(
            json(
                "{'error':{'code':400,'message':'request (3028 tokens) exceeds the available"
                    + " context size (2048 tokens), try increasing it',"
                    + "'type':'exceed_context_size_error','n_prompt_tokens':3028,'n_ctx':2048}}"));

    assertThat(error.code()).isEqualTo("400");
    assertThat(error.mentionsContextLength()).isTrue();
    assertThat(error.contextWindow()).isEqualTo(2048);
    assertThat(error.promptTokens()).isEqualTo(3028);
  }

  @Test
  void vllmFlatErrorObjectIsReadWithoutAnErrorField() {
    ServerError error =
        ServerError.parse(
            "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096"
                + " tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the"
                + " completion).\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}");

    assertThat(error.message()).startsWith("This model's maximum context length is 4096 tokens.");
    assertThat(error.code()).isEqualTo("400");
    assertThat(error.param()).isNull();
    assertThat(error.contextWindow()).isEqualTo(4096);
    assertThat(error.promptTokens()).isEqualTo(4000);
  }

  @Test
  void pydanticDetailListNamesTheFieldInTheMessageAndAsParam() {
    ServerError error =
        ServerError.parse(
            json(
                "{'detail':[{'type':'less_than_equal','loc':['body','n'],"
                    + "'msg':'Input should be less than or equal to 8','input':20,"
                    + "'ctx':{'le':8}}]}"));

    assertThat(error.message()).isEqualTo("n: Input should be less than or equal to 8");
    assertThat(error.param()).isEqualTo("n");
    assertThat(error.blamesN()).isTrue();
    assertThat(error.nLimit()).isEqualTo(8);
  }

  @Test
  void severalPydanticErrorsAreJoinedOnOneLine() {
    ServerError error =
        ServerError.parse(
            json(
                "{'detail':[{'loc':['body','messages'],'msg':'Field required'},"
                    + "{'loc':['body','temperature'],'msg':'Input should be a number'}]}"));

    assertThat(error.message())
        .isEqualTo("messages: Field required; temperature: Input should be a number");
    assertThat(error.param()).isEqualTo("messages");
  }

  @Test
  void fastApiDetailStringIsTheMessage() {
    ServerError error = ServerError.parse(json("{'detail':'Not Found'}"));

    assertThat(error).isEqualTo(new ServerError("Not Found", null, null, false));
  }

  @Test
  void errorAsAPlainStringIsTheMessage() {
    ServerError error = ServerError.parse(json("{'error':'model is loading','code':'busy'}"));

    assertThat(error.message()).isEqualTo("model is loading");
    assertThat(error.code()).isEqualTo("busy");
  }

  @Test
  void nestJsGatewayJoinsStatusTextAndItsMessages() {
    ServerError error =
        ServerError.parse(
            json(
                "{'statusCode':400,'error':'Bad Request','message':['n must not be greater"
                    + " than 4','temperature must be a number']}"));

    assertThat(error.message())
        .isEqualTo("Bad Request: n must not be greater than 4; temperature must be a number");
  }

  @Test
  void messageAsAnObjectIsReadThroughItsMessageFields() {
    ServerError error =
        ServerError.parse(
            json(
                "{'error':{'message':{'detail':[{'loc':['body','temperature'],"
                    + "'msg':'Input should be greater than or equal to 0'}]}}}"));

    assertThat(error.message())
        .isEqualTo("temperature: Input should be greater than or equal to 0");
  }

  @Test
  void msgFieldIsReadWhenThereIsNoMessage() {
    assertThat(ServerError.parse(json("{'error':{'msg':'quota hit'}}")).message())
        .isEqualTo("quota hit");
  }

  @Test
  void errorObjectWithoutWordsIsShownAsJson() {
    assertThat(ServerError.parse(json("{'error':{'code':'x1'}}")).message())
        .isEqualTo("{\"code\":\"x1\"}");
  }

  @Test
  void nullErrorFieldFallsBackToTheTopLevelObject() {
    ServerError error = ServerError.parse(json("{'error':null,'message':'flat words'}"));

    assertThat(error.message()).isEqualTo("flat words");
  }

  @Test
  void multiLineMessageIsCollapsedToOneLine() {
    ServerError error =
        ServerError.parse(json("{'error':{'message':'first line\\n\\n   second\\tline  '}}"));

    assertThat(error.message()).isEqualTo("first line second line");
  }

  @Test
  void longMessageIsNotShortened() {
    String words = "word ".repeat(200).strip();

    assertThat(message(words).message()).isEqualTo(words).hasSizeGreaterThan(300);
  }

  @Test
  void fromObjectReadsAStreamedErrorEvent() throws Exception {
    ServerError error =
        ServerError.fromObject(
            Json.MAPPER.readTree(json("{'error':{'message':'overloaded','type':'server_error'}}")));

    assertThat(error).isEqualTo(new ServerError("overloaded", "server_error", null, false));
  }

  // ---- bodies that are not JSON objects

  @Test
  void emptyBodySaysSo() {
    ServerError expected = new ServerError("(empty response body)", null, null, false);

    assertThat(ServerError.parse("")).isEqualTo(expected);
    assertThat(ServerError.parse(null)).isEqualTo(expected);
    assertThat(ServerError.parse(" \r\n\t")).isEqualTo(expected);
  }

  @Test
  void plainTextIsTheMessageOnOneLine() {
    ServerError error = ServerError.parse("upstream request\n  timeout\n");

    assertThat(error).isEqualTo(new ServerError("upstream request timeout", null, null, false));
  }

  @Test
  void brokenJsonIsTakenAsText() {
    assertThat(ServerError.parse("{\"error\": {\"message\": \"cut off").message())
        .isEqualTo("{\"error\": {\"message\": \"cut off");
  }

  @Test
  void jsonThatIsNotAnObjectIsTakenAsText() {
    assertThat(ServerError.parse("[\"a\", \"b\"]").message()).isEqualTo("[\"a\", \"b\"]");
    assertThat(ServerError.parse("\"oops\"").message()).isEqualTo("\"oops\"");
    assertThat(ServerError.parse("503").message()).isEqualTo("503");
  }

  @Test
  void htmlPageGivesItsTitleAndIsMarkedHtml() {
    ServerError error =
        ServerError.parse(
            "<!DOCTYPE html>\n<html><head><title>502 Bad\n Gateway</title></head>"
                + "<body><h1>nginx</h1></body></html>");

    assertThat(error).isEqualTo(new ServerError("502 Bad Gateway", null, null, true));
  }

  @Test
  void htmlPageWithoutTitleGivesItsTextWithoutTags() {
    ServerError error =
        ServerError.parse("<html><body><h1>Service</h1>\n<p>Unavailable</p></body></html>");

    assertThat(error.message()).isEqualTo("Service Unavailable");
    assertThat(error.html()).isTrue();
  }

  @Test
  void htmlPageWithoutTextIsNamedAnHtmlPage() {
    ServerError error = ServerError.parse("<html><body></body></html>");

    assertThat(error).isEqualTo(new ServerError("an HTML page", null, null, true));
  }

  @Test
  void htmlIsRecognisedByItsBodyTagWithoutADoctype() {
    assertThat(ServerError.parse("<div>x</div><body>Forbidden</body>").html()).isTrue();
    assertThat(ServerError.parse("<b>not a page</b>").html()).isFalse();
  }

  // ---- what the words mean

  @Test
  void blamesNWhenTheServerNamesItAsParam() {
    assertThat(ServerError.parse(json("{'error':{'message':'bad','param':'n'}}")).blamesN())
        .isTrue();
  }

  @Test
  void blamesNWhenTheMessageNamesItAsAWord() {
    assertThat(message("Unsupported parameter: 'n'").blamesN()).isTrue();
    assertThat(message("n must be 1 for this model").blamesN()).isTrue();
  }

  @Test
  void doesNotBlameNForAnNInsideAWord() {
    assertThat(message("invalid token in input").blamesN()).isFalse();
  }

  @Test
  void blamesNOnlyForAMentionNearTheStart() {
    assertThat(message("x".repeat(400) + " n is wrong").blamesN()).isFalse();
  }

  @Test
  void nLimitIgnoresTheRejectedValue() {
    assertThat(message("n is invalid, got 5").nLimit()).isNull();
    assertThat(message("n: received 9, maximum is 4").nLimit()).isEqualTo(4);
  }

  @Test
  void nLimitOfLessThanTwoIsNone() {
    assertThat(message("n must be less than 1").nLimit()).isNull();
    assertThat(message("n must be less than 2").nLimit()).isEqualTo(1);
  }

  @Test
  void limitsWithThousandsSeparatorsAreRead() {
    assertThat(message("This model's maximum context length is 128,000 tokens").contextWindow())
        .isEqualTo(128000);
  }

  @Test
  void limitTooLargeForAnIntIsNone() {
    assertThat(message("exceeds the available context size (99999999999 tokens)").contextWindow())
        .isNull();
  }

  @Test
  void promptTokensInEachWording() {
    assertThat(message("request (3028 tokens) exceeds").promptTokens()).isEqualTo(3028);
    assertThat(message("you requested 5000 tokens (4000 in the messages)").promptTokens())
        .isEqualTo(4000);
    assertThat(message("your messages resulted in 9,001 tokens").promptTokens()).isEqualTo(9001);
    assertThat(message("the request has 300000 input tokens").promptTokens()).isEqualTo(300000);
    assertThat(message("prompt is too long: 210000 tokens > 200000 maximum").promptTokens())
        .isEqualTo(210000);
    assertThat(message("Input is too long").promptTokens()).isNull();
  }

  @Test
  void blamesStreamOptionsByParamOrMessage() {
    assertThat(
            ServerError.parse(json("{'error':{'message':'x','param':'stream_options'}}"))
                .blamesStreamOptions())
        .isTrue();
    assertThat(
            ServerError.parse(
                    json("{'error':{'message':'x','param':'stream_options.include_usage'}}"))
                .blamesStreamOptions())
        .isTrue();
    assertThat(
            message("Unrecognized request argument supplied: stream_options").blamesStreamOptions())
        .isTrue();
    assertThat(message("temperature out of range").blamesStreamOptions()).isFalse();
  }

  @Test
  void modelNotFoundInEachWording() {
    assertThat(
            ServerError.parse(json("{'error':{'message':'x','code':'model_not_found'}}"))
                .mentionsModelNotFound())
        .isTrue();
    assertThat(message("The model `gpt-9` does not exist").mentionsModelNotFound()).isTrue();
    assertThat(message("model 'llama9' not found, try pulling it first").mentionsModelNotFound())
        .isTrue();
    assertThat(message("Unknown model: foo").mentionsModelNotFound()).isTrue();
  }

  @Test
  void notFoundWithoutAModelIsNotAnUnknownModel() {
    assertThat(message("Not Found").mentionsModelNotFound()).isFalse();
    assertThat(message("model is overloaded").mentionsModelNotFound()).isFalse();
  }

  @Test
  void contextLengthInEachWording() {
    assertThat(
            ServerError.parse(json("{'error':{'message':'x','code':'context_length_exceeded'}}"))
                .mentionsContextLength())
        .isTrue();
    assertThat(message("maximum context length is 4096 tokens").mentionsContextLength()).isTrue();
    assertThat(message("prompt is too long: 210000 tokens").mentionsContextLength()).isTrue();
    assertThat(message("Too many tokens in request").mentionsContextLength()).isTrue();
    assertThat(message("Input is too long for requested model").mentionsContextLength()).isTrue();
    assertThat(message("rate limit reached").mentionsContextLength()).isFalse();
  }

  @Test
  void balanceInEachWording() {
    assertThat(
            ServerError.parse(json("{'error':{'message':'x','type':'insufficient_quota'}}"))
                .mentionsBalance())
        .isTrue();
    assertThat(message("You exceeded your current quota, please check your plan").mentionsBalance())
        .isTrue();
    assertThat(message("Insufficient Balance").mentionsBalance()).isTrue();
    assertThat(message("This request requires more credits").mentionsBalance()).isTrue();
    assertThat(message("Rate limit reached for requests").mentionsBalance()).isFalse();
  }

  @Test
  void classifiersLookOnlyAtTheStartOfALongMessage() {
    ServerError error = message("x".repeat(400) + " maximum context length, insufficient balance");

    assertThat(error.mentionsContextLength()).isFalse();
    assertThat(error.mentionsBalance()).isFalse();
  }

  // ---- lines for messages

  @Test
  void shortenCutsALongLineTo300CharactersEndingInAnEllipsis() {
    String shortened = ServerError.shorten("y".repeat(500));

    assertThat(shortened).hasSize(300).endsWith("y…");
  }

  @Test
  void shortenKeepsALineOf300Characters() {
    String line = "z".repeat(300);

    assertThat(ServerError.shorten(line)).isEqualTo(line);
  }

  @Test
  void oneLineCollapsesThenShortens() {
    assertThat(ServerError.oneLine("a\n b\r\n\tc")).isEqualTo("a b c");
    assertThat(ServerError.oneLine(" w\n".repeat(400))).hasSize(300);
  }
}

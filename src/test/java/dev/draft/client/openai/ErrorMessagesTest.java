package dev.draft.client.openai;

import static dev.draft.client.openai.WireFixture.KEY;
import static dev.draft.client.openai.WireFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.ApiKey;
import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The one-line messages for each way a request fails: what happened, the fix, and no secret. */
class ErrorMessagesTest {
  private static final String BASE = "https://api.example.com/v1";
  private static final String CHAT = BASE + "/chat/completions";
  private static final Supplier<List<String>> NO_MODELS = List::of;

  private static WireFixture.Settings settings(String baseUrl) {
    return new WireFixture.Settings(baseUrl);
  }

  private static ErrorMessages messages(WireFixture.Settings settings) {
    return new ErrorMessages(settings.build(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static ErrorMessages messages() {
    return messages(settings(BASE));
  }

  private static EndpointException http(int status, String body) {
    return http(messages(), status, body, CHAT);
  }

  private static EndpointException http(
      ErrorMessages messages, int status, String body, String url) {
    return messages.httpFailure(status, ServerError.parse(body), url, "gpt-9", 1, null, NO_MODELS);
  }

  private static String error(String message) {
    return "{\"error\":{\"message\":\"" + message + "\"}}";
  }

  // ---- no response

  @Test
  void unknownHostNamesTheHostAndTheFix() {
    EndpointException e =
        messages().connectionFailure(new UnknownHostException("api.example.com"), CHAT, 1);

    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(e.status()).isZero();
    assertThat(e.getMessage())
        .isEqualTo(
            "cannot resolve host 'api.example.com' of base URL https://api.example.com/v1:"
                + " check base_url (draft config show) or your network");
  }

  @Test
  void refusedConnectionAsksWhetherTheServerRuns() {
    EndpointException e =
        messages().connectionFailure(new ConnectException("Connection refused"), CHAT, 1);

    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "nothing is listening at https://api.example.com/v1 (connection refused): is the"
                + " server running? 'draft doctor' checks");
  }

  @Test
  void noRouteToHostCountsAsNothingListening() {
    EndpointException e =
        messages().connectionFailure(new NoRouteToHostException("No route"), CHAT, 1);

    assertThat(e.getMessage()).startsWith("nothing is listening at ");
  }

  @Test
  void attemptsAreCountedOnlyWhenThereWereSeveral() {
    IOException refused = new ConnectException("Connection refused");

    assertThat(messages().connectionFailure(refused, CHAT, 3).getMessage())
        .contains("(connection refused after 3 attempts)");
    assertThat(messages().connectionFailure(refused, CHAT, 1).getMessage())
        .doesNotContain("attempt");
  }

  @Test
  void hostWithAPortIsNamedWithIt() {
    EndpointException e =
        messages(settings("http://127.0.0.1:8080/v1"))
            .connectionFailure(
                new UnknownHostException("x"), "http://127.0.0.1:8080/v1/chat/completions", 1);

    assertThat(e.getMessage()).startsWith("cannot resolve host '127.0.0.1:8080' ");
  }

  @Test
  void connectTimeoutNamesTheConnectSettingToRaise() {
    EndpointException e =
        messages().connectionFailure(new SocketTimeoutException("connect timed out"), CHAT, 1);

    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(e.getMessage())
        .isEqualTo(
            "could not connect to api.example.com within 2 s: is the server up? raise"
                + " timeouts.connect in the profile if it is slow");
  }

  @Test
  void readTimeoutNamesTheIdleTimeoutAndHowToRaiseIt() {
    EndpointException e =
        messages().connectionFailure(new SocketTimeoutException("timeout"), CHAT, 2);

    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(e.getMessage())
        .isEqualTo(
            "no data from https://api.example.com/v1 for 5 s after 2 attempts (the idle"
                + " timeout): the server may be overloaded; raise it with --timeout or"
                + " timeouts.idle in the profile");
  }

  @Test
  void otherNetworkFailureIsDescribedInWordsWithTheFix() {
    EndpointException e =
        messages().connectionFailure(new EOFException("unexpected end of stream"), CHAT, 3);

    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "request to https://api.example.com/v1 failed after 3 attempts: the server closed"
                + " the connection without answering (unexpected end of stream): try again;"
                + " 'draft doctor' checks the endpoint");
  }

  @Test
  void connectionFailureKeepsItsCause() {
    IOException cause = new ConnectException("Connection refused");

    assertThat(messages().connectionFailure(cause, CHAT, 1)).hasCause(cause);
  }

  @Test
  void closedConnectionIsNamedInWords() {
    assertThat(messages().failure(new EOFException()))
        .isEqualTo("the server closed the connection without answering");
  }

  @Test
  void resetConnectionIsNamedInWordsWithTheOriginalMessage() {
    assertThat(messages().failure(new IOException("Connection reset")))
        .isEqualTo("the server reset the connection (Connection reset)");
  }

  @Test
  void brokenPipeIsNamedInWords() {
    assertThat(messages().failure(new IOException("Broken pipe")))
        .isEqualTo("the connection broke while the request was being sent (Broken pipe)");
  }

  @Test
  void protocolErrorIsNamedAsInvalidHttp() {
    assertThat(messages().failure(new ProtocolException("Unexpected status line: SSH-2.0")))
        .isEqualTo("the server's answer was not valid HTTP (Unexpected status line: SSH-2.0)");
  }

  @Test
  void unrecognisedFailureIsANetworkError() {
    assertThat(messages().failure(new IOException("weird"))).isEqualTo("a network error (weird)");
  }

  @Test
  void failureRedactsTheUrlOkHttpPutsInItsMessage() {
    ErrorMessages messages = messages(settings("https://user:pa55word@api.example.com/v1"));

    assertThat(
            messages.failure(
                new IOException(
                    "unexpected end of stream on https://user:pa55word@api.example.com/...")))
        .isEqualTo(
            "the server closed the connection without answering (unexpected end of stream on"
                + " https://***@api.example.com/...)");
  }

  // ---- TLS

  @Test
  void tlsTimeoutSuggestsThePlainHttpUrl() {
    EndpointException e = messages().tlsFailure(new SocketTimeoutException("Read timed out"), CHAT);

    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "no TLS answer from api.example.com within 2 s (the connect timeout): is it an"
                + " http:// server addressed as https://? try --base-url"
                + " http://api.example.com/v1");
  }

  @Test
  void plainHttpAnswerToTlsSaysSo() {
    EndpointException e =
        messages().tlsFailure(new SSLException("Unsupported or unrecognized SSL message"), CHAT);

    assertThat(e.getMessage())
        .isEqualTo(
            "api.example.com answered in plain HTTP, not TLS: is it an http:// server addressed"
                + " as https://? try --base-url http://api.example.com/v1");
  }

  @Test
  void untrustedCertificateNamesTheTrustStoreFix() {
    EndpointException e =
        messages()
            .tlsFailure(
                new SSLHandshakeException("PKIX path building failed: unable to find path"), CHAT);

    assertThat(e.getMessage())
        .isEqualTo(
            "the TLS certificate of api.example.com is not trusted (PKIX path building failed:"
                + " unable to find path): check base_url, or add its CA to Java's trust store"
                + " (JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=FILE)");
  }

  @Test
  void otherTlsFailureQuotesItAndSuggestsThePlainHttpUrl() {
    EndpointException e =
        messages().tlsFailure(new SSLException("Received fatal alert: handshake_failure"), CHAT);

    assertThat(e.getMessage())
        .isEqualTo(
            "TLS with api.example.com failed (Received fatal alert: handshake_failure): is it an"
                + " http:// server addressed as https://? try --base-url"
                + " http://api.example.com/v1");
  }

  @Test
  void suggestedPlainHttpUrlHidesTheSecretsOfTheBaseUrl() {
    String base = "https://me:pa55word@api.example.com/v1?api-key=sk-in-the-query-123";

    EndpointException e =
        messages(settings(base))
            .tlsFailure(new SocketTimeoutException("Read timed out"), base + "/chat");

    assertThat(e.getMessage())
        .endsWith("try --base-url http://***@api.example.com/v1?api-key=***")
        .doesNotContain("pa55word")
        .doesNotContain("sk-in-the-query-123");
  }

  // ---- HTTP status

  @Test
  void htmlPageIsAProxyPageNamingItsTitleAndTheBaseUrl() {
    EndpointException e = http(502, "<html><head><title>502 Bad Gateway</title></head></html>");

    assertThat(e.kind()).isEqualTo(Kind.PROXY_PAGE);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage())
        .isEqualTo(
            "got an HTML page instead of an API response (HTTP 502), titled '502 Bad Gateway':"
                + " a proxy or a wrong base URL? check base_url (https://api.example.com/v1)");
  }

  @Test
  void htmlNotFoundPageIsANotFoundNotAProxyPage() {
    EndpointException e = http(404, "<html><title>404 Not Found</title></html>");

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void serverWaitTooLongSaysWhenToTryAgain() {
    EndpointException e =
        messages()
            .httpFailure(
                429,
                ServerError.parse(error("slow down")),
                CHAT,
                "gpt-9",
                1,
                Duration.ofMinutes(2),
                NO_MODELS);

    String at =
        DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault())
            .format(NOW.plus(Duration.ofMinutes(2)));
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.getMessage())
        .isEqualTo(
            "the server asks to wait 120 s before the next request (HTTP 429): try again after "
                + at
                + " (slow down)");
  }

  @Test
  void refusedKeyNamesTheProfileAndWhereTheKeyCameFrom() {
    EndpointException e = http(401, error("Incorrect API key provided: " + KEY));

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage())
        .isEqualTo(
            "the endpoint refused the credentials of profile 'work' (HTTP 401): check the key in"
                + " $OPENAI_API_KEY (Incorrect API key provided: sk-...bTq1)");
  }

  @Test
  void missingKeySaysWhichVariableToSet() {
    EndpointException e =
        http(messages(settings(BASE).apiKey(null)), 403, error("forbidden"), CHAT);

    assertThat(e.kind()).isEqualTo(Kind.AUTH);
    assertThat(e.getMessage()).contains(": no API key was sent; set OPENAI_API_KEY (forbidden)");
  }

  @Test
  void missingKeyWithoutAHintOrProfileNamesTheStandardVariable() {
    WireFixture.Settings settings = settings(BASE).apiKey(null);
    settings.keyHint = null;
    settings.profile = null;

    assertThat(http(messages(settings), 401, error("no"), CHAT).getMessage())
        .isEqualTo(
            "the endpoint refused the credentials (HTTP 401): no API key was sent; set an API"
                + " key (OPENAI_API_KEY) (no)");
  }

  @Test
  void missingKeyWithoutAHintNamesTheProfile() {
    WireFixture.Settings settings = settings(BASE).apiKey(null);
    settings.keyHint = null;

    assertThat(messages(settings).keyHint()).isEqualTo("an API key of profile 'work'");
  }

  @Test
  void paymentRequiredIsAnEmptyBalanceWithTheFix() {
    EndpointException e = http(402, error("pay up"));

    assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_BALANCE);
    assertThat(e.getMessage())
        .isEqualTo(
            "the account has no credit left (HTTP 402): top up with the provider, or switch"
                + " profile with -p (pay up)");
  }

  @Test
  void quotaWordsMakeA429AnEmptyBalanceNotARateLimit() {
    EndpointException e = http(429, error("You exceeded your current quota"));

    assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_BALANCE);
  }

  @Test
  void contextRefusalNamesTheThreeFixes() {
    EndpointException e = http(400, error("maximum context length is 4096 tokens"));

    assertThat(e.kind()).isEqualTo(Kind.CONTEXT_LENGTH);
    assertThat(e.getMessage())
        .isEqualTo(
            "the prompt does not fit the model's context window (HTTP 400): shorten the input,"
                + " lower --max-tokens, or use a model with a longer context (maximum context"
                + " length is 4096 tokens)");
  }

  @Test
  void unknownModelListsTheServedModels() {
    EndpointException e =
        messages()
            .httpFailure(
                404,
                ServerError.parse(error("The model gpt-9 does not exist")),
                CHAT,
                "gpt-9",
                1,
                null,
                () -> List.of("gpt-4o", "gpt-4o-mini"));

    assertThat(e.kind()).isEqualTo(Kind.MODEL_NOT_FOUND);
    assertThat(e.getMessage())
        .isEqualTo(
            "model 'gpt-9' is not served at https://api.example.com/v1 (HTTP 404); it serves:"
                + " gpt-4o, gpt-4o-mini (pass -m/--model or set model in the profile)");
  }

  @Test
  void unknownModelListsAtMostTwentyModels() {
    List<String> served = IntStream.rangeClosed(1, 25).mapToObj(i -> "m" + i).toList();

    EndpointException e =
        messages()
            .httpFailure(
                400, ServerError.parse(error("model not found")), CHAT, "x", 1, null, () -> served);

    assertThat(e.getMessage())
        .contains("m1, m2,")
        .contains("m20, … (draft models lists all)")
        .doesNotContain("m21");
  }

  @Test
  void unknownModelOnAnEndpointListingNoneSaysSo() {
    EndpointException e = http(404, error("model not found"));

    assertThat(e.getMessage()).contains("; the endpoint lists no models (pass -m/--model");
  }

  @Test
  void unknownModelWhenTheListFailsPointsToDraftModels() {
    EndpointException e =
        messages()
            .httpFailure(
                404,
                ServerError.parse(error("model not found")),
                CHAT,
                "gpt-9",
                1,
                null,
                () -> {
                  throw new IllegalStateException("list failed too");
                });

    assertThat(e.getMessage()).contains("; 'draft models' lists what it serves (pass");
  }

  @Test
  void aRedirectFromAnHttpUrlSuggestsHttps() {
    String base = "http://api.example.com/v1";

    EndpointException e = http(messages(settings(base)), 301, "", base + "/chat/completions");

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage())
        .isEqualTo(
            "the endpoint answered with a redirect (HTTP 301): if it moved to https://, use that"
                + " in base_url (http://api.example.com/v1)");
  }

  @Test
  void aRedirectFromAnHttpsUrlAsksWhereItMoved() {
    EndpointException e = http(308, "Moved");

    assertThat(e.getMessage())
        .isEqualTo(
            "the endpoint answered with a redirect (HTTP 308): set base_url to where it moved"
                + " (https://api.example.com/v1) (Moved)");
  }

  @Test
  void notFoundOnABaseUrlWithoutAVersionSuggestsAddingV1() {
    String base = "http://localhost:8080";

    EndpointException e =
        http(messages(settings(base)), 404, "Not Found", base + "/chat/completions");

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage())
        .isEqualTo(
            "no API at http://localhost:8080/chat/completions (HTTP 404): the base URL probably"
                + " lacks '/v1'; try --base-url http://localhost:8080/v1 (Not Found)");
  }

  @Test
  void notFoundOnABaseUrlDoublingV1SuggestsTheSingleOne() {
    String base = "http://localhost:8080/v1/v1";

    EndpointException e = http(messages(settings(base)), 404, "", base + "/chat/completions");

    assertThat(e.getMessage())
        .contains(
            ": the base URL repeats part of the API path; try --base-url"
                + " http://localhost:8080/v1 (");
  }

  @Test
  void notFoundOnABaseUrlEndingInChatCompletionsSuggestsCuttingIt() {
    String base = "http://localhost:8080/v1/chat/completions";

    EndpointException e = http(messages(settings(base)), 405, "", base + "/chat/completions");

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage())
        .contains(
            "the base URL repeats part of the API path; try --base-url http://localhost:8080/v1 (");
  }

  @Test
  void notFoundOnAVersionedBaseUrlPointsToTheConfiguration() {
    EndpointException e = http(404, "Not Found");

    assertThat(e.getMessage())
        .isEqualTo(
            "no API at https://api.example.com/v1/chat/completions (HTTP 404): check base_url"
                + " (draft config show) (Not Found)");
  }

  @Test
  void notFoundSuggestionKeepsTheQueryAtTheEndAndHidesIt() {
    String base = "http://gateway.example.com/llm?key=secret-value-1";

    EndpointException e =
        http(
            messages(settings(base)),
            404,
            "Not Found",
            "http://gateway.example.com/llm/chat/completions?key=secret-value-1");

    assertThat(e.getMessage())
        .contains("try --base-url http://gateway.example.com/llm/v1?key=***")
        .doesNotContain("secret-value-1");
  }

  @Test
  void rateLimitSaysToWaitOrLowerConcurrency() {
    EndpointException e =
        messages()
            .httpFailure(429, ServerError.parse(error("slow")), CHAT, "m", 3, null, NO_MODELS);

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.getMessage())
        .isEqualTo(
            "rate limited (HTTP 429, 3 attempts): wait a minute and try again, or lower"
                + " concurrency in the profile (slow)");
  }

  @Test
  void serverFailureSaysToTryLaterAndPointsToDoctor() {
    EndpointException e = http(503, error("overloaded"));

    assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(e.getMessage())
        .isEqualTo(
            "the server failed (HTTP 503): try again later; 'draft doctor' checks the endpoint"
                + " (overloaded)");
  }

  @Test
  void otherRefusalNamesTheBlamedParameter() {
    EndpointException e =
        http(400, "{\"error\":{\"message\":\"must be <= 2\",\"param\":\"temperature\"}}");

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.rejectedParameter()).isEqualTo("temperature");
    assertThat(e.getMessage())
        .isEqualTo(
            "the endpoint rejected the request (HTTP 400) [parameter temperature]: must be <= 2");
  }

  @Test
  void otherRefusalWithoutAParameterQuotesTheServer() {
    EndpointException e = http(422, error("bad stop"));

    assertThat(e.rejectedParameter()).isNull();
    assertThat(e.getMessage()).isEqualTo("the endpoint rejected the request (HTTP 422): bad stop");
  }

  // ---- redaction

  @Test
  void redactReplacesTheKeyWithItsShownForm() {
    assertThat(messages().redact("bad key " + KEY + " given"))
        .isEqualTo("bad key sk-...bTq1 given");
  }

  @Test
  void redactLeavesAKeyTooShortToSearchFor() {
    ErrorMessages messages = messages(settings(BASE).apiKey(new ApiKey("ab12", "$K")));

    assertThat(messages.redact("tab123 ab12")).isEqualTo("tab123 ab12");
  }

  @Test
  void redactHidesThePasswordAndQueryValuesOfTheBaseUrlEvenWhenEchoedAlone() {
    ErrorMessages messages =
        messages(settings("https://me:hunter22@api.example.com/v1?token=tok-987654"));

    assertThat(messages.redact("bad password hunter22 and token tok-987654"))
        .isEqualTo("bad password *** and token ***");
  }

  @Test
  void redactHidesTheSecretsOfAnyUrlInTheText() {
    assertThat(messages().redact("see https://u:p4ss@other.example.com/x?sig=abcdef."))
        .isEqualTo("see https://***@other.example.com/x?sig=***.");
  }

  @Test
  void redactRemovesTheKeyBeforeShorteningSoNoPartOfItIsLeft() {
    String line = "x".repeat(295) + " " + KEY;

    String redacted = messages().redact(line);

    assertThat(redacted).hasSize(300).endsWith("…").doesNotContain("sk-test");
  }

  @Test
  void serverWordsThatEchoTheKeyAreRedactedInHttpFailures() {
    EndpointException e = http(500, error("failed for key " + KEY));

    assertThat(e.getMessage()).doesNotContain(KEY).contains("failed for key sk-...bTq1");
  }

  @Test
  void secondsDropsAZeroFraction() {
    assertThat(ErrorMessages.seconds(Duration.ofSeconds(60))).isEqualTo("60 s");
    assertThat(ErrorMessages.seconds(Duration.ofMillis(1500))).isEqualTo("1.5 s");
  }
}

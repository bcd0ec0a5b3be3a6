package dev.draft.client.openai;

import dev.draft.client.EndpointException;
import dev.draft.client.EndpointException.Kind;
import dev.draft.client.EndpointSettings;
import dev.draft.client.RedactedUrl;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong into one line a user can act on: what happened, and the fix. Never includes
 * the API key, even when a server echoes it back.
 */
final class ErrorMessages {
  private static final Pattern VERSIONED_PATH =
      Pattern.compile(".*/(v\\d+[a-z0-9]*|openai|compatible-mode/v\\d+|api/paas/v\\d+)(/.*)?$");
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final EndpointSettings settings;
  private final Clock clock;
  private final List<String> urlSecrets;

  /**
   * @param clock the client's clock, which also dated the server's wait
   */
  ErrorMessages(EndpointSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.urlSecrets = RedactedUrl.secretsOf(settings.baseUrl());
  }

  EndpointException connectionFailure(IOException e, String url, int attempts) {
    String base = settings.shownBaseUrl();
    String host = hostOf(url);
    String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
    if (e instanceof UnknownHostException) {
      return new EndpointException(
          Kind.UNREACHABLE,
          0,
          "cannot resolve host '"
              + host
              + "' of base URL "
              + base
              + ": check base_url (draft config show) or your network",
          null,
          e);
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new EndpointException(
          Kind.UNREACHABLE,
          0,
          "nothing is listening at "
              + base
              + " (connection refused"
              + tries
              + "): is the server running? 'draft doctor' checks",
          null,
          e);
    }
    if (e instanceof SSLException) {
      return new EndpointException(
          Kind.UNREACHABLE,
          0,
          "TLS with "
              + host
              + " failed ("
              + e.getMessage()
              + "): is it an http:// server addressed as https://?",
          null,
          e);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      String what =
          String.valueOf(e.getMessage()).toLowerCase().contains("connect")
              ? "could not connect to "
                  + host
                  + " within "
                  + seconds(settings.connectTimeout())
                  + tries
                  + ": is the server up? raise timeouts.connect in the profile if it is slow"
              : "no data from "
                  + base
                  + " for "
                  + seconds(settings.idleTimeout())
                  + tries
                  + " (the idle timeout): the server may be overloaded; raise it with --timeout"
                  + " or timeouts.idle in the profile";
      return new EndpointException(Kind.TIMEOUT, 0, what, null, e);
    }
    return new EndpointException(
        Kind.UNREACHABLE,
        0,
        "request to "
            + base
            + " failed"
            + tries
            + ": "
            + failure(e)
            + ": try again; 'draft doctor' checks the endpoint",
        null,
        e);
  }

  /**
   * The TLS handshake with the endpoint failed: most often a plain-HTTP server addressed as
   * https://, which either answers the TLS hello in plain HTTP or waits for the rest of what it
   * takes for a request until the connect timeout. Retrying cannot help.
   */
  EndpointException tlsFailure(IOException e, String url) {
    String host = hostOf(url);
    String plain =
        "is it an http:// server addressed as https://? try --base-url "
            + shown(settings.baseUrl().replaceFirst("(?i)^https://", "http://"));
    String message = e.getMessage() == null ? "" : e.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    String what;
    if (e instanceof SocketTimeoutException) {
      what =
          "no TLS answer from "
              + host
              + " within "
              + seconds(settings.connectTimeout())
              + " (the connect timeout): "
              + plain;
    } else if (lower.contains("unrecognized ssl message") || lower.contains("plaintext")) {
      what = host + " answered in plain HTTP, not TLS: " + plain;
    } else if (e instanceof javax.net.ssl.SSLHandshakeException
        && (lower.contains("certificat") || lower.contains("pkix"))) {
      what =
          "the TLS certificate of "
              + host
              + " is not trusted ("
              + redact(message)
              + "): check base_url, or add its CA to Java's trust store"
              + " (JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=FILE)";
    } else {
      what =
          "TLS with "
              + host
              + " failed"
              + (message.isBlank() ? "" : " (" + redact(message) + ")")
              + ": "
              + plain;
    }
    return new EndpointException(Kind.UNREACHABLE, 0, what, null, e);
  }

  /**
   * What an I/O failure means, in words rather than a Java class name, followed by the failure's
   * own message in parentheses (redacted: OkHttp's messages name the URL).
   */
  String failure(IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    String words;
    if (e instanceof java.io.EOFException || lower.contains("unexpected end of stream")) {
      words = "the server closed the connection without answering";
    } else if (lower.contains("reset")) {
      words = "the server reset the connection";
    } else if (lower.contains("broken pipe")) {
      words = "the connection broke while the request was being sent";
    } else if (e instanceof java.net.ProtocolException) {
      words = "the server's answer was not valid HTTP";
    } else {
      words = "a network error";
    }
    return message.isBlank() ? words : words + " (" + redact(message) + ")";
  }

  /**
   * @param models lists the served models, for an unknown-model message; may fail
   */
  EndpointException httpFailure(
      int status,
      ServerError error,
      String url,
      String model,
      int attempts,
      Duration serverWait,
      Supplier<List<String>> models) {
    String said = redact(error.message());
    String at = " (HTTP " + status + (attempts > 1 ? ", " + attempts + " attempts" : "") + ")";
    if (error.html() && status != 404 && status != 405) {
      // A 404 page from a proxy still most likely means a wrong base URL path: see notFound.

      return new EndpointException(
          Kind.PROXY_PAGE,
          status,
          "got an HTML page instead of an API response"
              + at
              + ", titled '"
              + said
              + "': a proxy or a wrong base URL? check base_url ("
              + settings.shownBaseUrl()
              + ")");
    }
    if (serverWait != null) {
      // The client's clock, not the system's: the wait was measured against it.
      Instant when = clock.instant().plus(serverWait);
      return new EndpointException(
          Kind.RATE_LIMITED,
          status,
          "the server asks to wait "
              + seconds(serverWait)
              + " before the next request"
              + at
              + ": try again after "
              + CLOCK.format(when)
              + " ("
              + said
              + ")");
    }
    if (status == 401 || status == 403) {
      String key =
          settings.apiKey() == null
              ? "no API key was sent; set " + keyHint()
              : "check the key in " + settings.apiKey().source();
      return new EndpointException(
          Kind.AUTH,
          status,
          "the endpoint refused the credentials"
              + ofProfile()
              + at
              + ": "
              + key
              + " ("
              + said
              + ")");
    }
    if (status == 402 || error.mentionsBalance()) {
      return new EndpointException(
          Kind.INSUFFICIENT_BALANCE,
          status,
          "the account has no credit left"
              + at
              + ": top up with the provider, or switch profile"
              + " with -p ("
              + said
              + ")");
    }
    if (error.mentionsContextLength()) {
      return new EndpointException(
          Kind.CONTEXT_LENGTH,
          status,
          "the prompt does not fit the model's context window"
              + at
              + ": shorten the input, lower --max-tokens, or use a model with a longer context ("
              + said
              + ")");
    }
    if ((status == 404 || status == 400) && error.mentionsModelNotFound()) {
      return new EndpointException(
          Kind.MODEL_NOT_FOUND,
          status,
          "model '"
              + model
              + "' is not served at "
              + settings.shownBaseUrl()
              + at
              + "; "
              + servedModels(models)
              + " (pass -m/--model or set model in the profile)");
    }
    if (status == 404 || status == 405) {
      return new EndpointException(Kind.NOT_FOUND, status, notFound(url, status, said));
    }
    if (status >= 300 && status < 400) {
      // An API is not meant to be redirected to, and a POST that follows one loses its body.
      String fix =
          settings.baseUrl().regionMatches(true, 0, "http:", 0, 5)
              ? "if it moved to https://, use that in base_url ("
              : "set base_url to where it moved (";
      return new EndpointException(
          Kind.NOT_FOUND,
          status,
          "the endpoint answered with a redirect"
              + at
              + ": "
              + fix
              + settings.shownBaseUrl()
              + ")"
              + (error.message().equals(ServerError.EMPTY_BODY) ? "" : " (" + said + ")"));
    }
    if (status == 429) {
      return new EndpointException(
          Kind.RATE_LIMITED,
          status,
          "rate limited"
              + at
              + ": wait a minute and try again, or lower concurrency in the"
              + " profile ("
              + said
              + ")");
    }
    if (status >= 500) {
      return new EndpointException(
          Kind.SERVER_ERROR,
          status,
          "the server failed"
              + at
              + ": try again later; 'draft doctor' checks the endpoint ("
              + said
              + ")");
    }
    String param = error.param() == null ? "" : " [parameter " + error.param() + "]";
    return new EndpointException(
        Kind.BAD_REQUEST,
        status,
        "the endpoint rejected the request" + at + param + ": " + said,
        error.param(),
        null);
  }

  private String notFound(String url, int status, String said) {
    String base = settings.baseUrl();
    String path = URI.create(base).getPath();
    // The fixes change the path; a query (?api-key=...) stays at the end.
    int q = base.indexOf('?');
    String query = q < 0 ? "" : base.substring(q);
    String beforeQuery = q < 0 ? base : base.substring(0, q);
    String fix;
    if (path.contains("/v1/v1") || beforeQuery.endsWith("/chat/completions")) {
      String fixed = beforeQuery.replaceFirst("/chat/completions$", "").replace("/v1/v1", "/v1");
      fix = "the base URL repeats part of the API path; try --base-url " + shown(fixed + query);
    } else if (!settings.isAzure() && !VERSIONED_PATH.matcher(path).matches()) {
      fix =
          "the base URL probably lacks '/v1'; try --base-url " + shown(beforeQuery + "/v1" + query);
    } else {
      fix = "check base_url (draft config show)";
    }
    return "no API at " + shown(url) + " (HTTP " + status + "): " + fix + " (" + said + ")";
  }

  private static String servedModels(Supplier<List<String>> models) {
    try {
      List<String> served = models.get();
      if (served.isEmpty()) {
        return "the endpoint lists no models";
      }
      return "it serves: "
          + String.join(", ", served.subList(0, Math.min(served.size(), 20)))
          + (served.size() > 20 ? ", … (draft models lists all)" : "");
    } catch (RuntimeException unavailable) {
      return "'draft models' lists what it serves";
    }
  }

  String keyHint() {
    return settings.keyHint() == null
        ? "an API key" + (settings.profile() == null ? " (OPENAI_API_KEY)" : ofProfile())
        : settings.keyHint();
  }

  /** " of profile 'x'", or nothing when no profile is in use. */
  private String ofProfile() {
    return settings.profile() == null ? "" : " of profile '" + settings.profile() + "'";
  }

  /**
   * Removes the key and the secrets of the base URL (user info, query values) from a line a server
   * sent back, then cuts the line to message length. In that order: cutting first could leave the
   * start of a secret behind, where it no longer matches.
   */
  String redact(String line) {
    String clean = line;
    if (settings.apiKey() != null && settings.apiKey().value().length() >= 6) {
      clean = clean.replace(settings.apiKey().value(), settings.apiKey().redacted());
    }
    for (String secret : urlSecrets) {
      clean = clean.replace(secret, RedactedUrl.MASK);
    }
    return ServerError.shorten(RedactedUrl.inText(clean));
  }

  /** A URL as a message may show it: {@link RedactedUrl}. */
  private static String shown(String url) {
    return RedactedUrl.of(url);
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String hostOf(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    } catch (IllegalArgumentException e) {
      return shown(url);
    }
  }
}

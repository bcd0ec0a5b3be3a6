package dev.draft.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactedUrlTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // user only, user:password, several colons
        "https://sk-SECRET1@host/v1                           | https://***@host/v1",
        "http://u:sk-SECRET1@127.0.0.1:8080/v1                | http://***@127.0.0.1:8080/v1",
        "http://a:SECRET1:c@127.0.0.1:8080/v1                 | http://***@127.0.0.1:8080/v1",
        // every query value, parameters and their order kept; a bare parameter is a value too
        "https://host/v1?api-key=SECRET1&team=SECRET2&SECRET3 | https://host/v1?api-key=***&team=***&***",
        "https://host/v1?=SECRET1&&x=                         | https://host/v1?=***&&x=***",
        "https://host/v1?                                     | https://host/v1?",
        // api-version is draft's own parameter and tells Azure 404s apart
        "https://r.openai.azure.com/openai?api-version=2024-06-01&key=SECRET1"
            + " | https://r.openai.azure.com/openai?api-version=2024-06-01&key=***",
        // fragment
        "https://host/v1#SECRET1                              | https://host/v1#***",
        "https://host/v1?k=SECRET1#SECRET2                    | https://host/v1?k=***#***",
        // IPv6 host
        "http://u:SECRET1@[::1]:8080/v1/?key=SECRET2          | http://***@[::1]:8080/v1/?key=***",
        "http://[fe80::1%25eth0]:8080/v1                      | http://[fe80::1%25eth0]:8080/v1",
        // no scheme
        "u:SECRET1@host/v1?key=SECRET2                        | ***@host/v1?key=***",
        "localhost:41007/v1                                   | localhost:41007/v1",
        // path, port and trailing slash kept as given
        "https://host.example:8443/api/v1/                    | https://host.example:8443/api/v1/",
        "http://127.0.0.1:11434/v1                            | http://127.0.0.1:11434/v1",
        // malformed: a password with an unescaped / ? # or @ is still hidden whole
        "http://u:pa/SECRET1@host/v1                          | http://***@host/v1",
        "http://u:pa?SECRET1@host/v1                          | http://***@host/v1",
        "http://u:pa#SECRET1@host/v1                          | http://***@host/v1",
        "http://u:pa@SECRET1@host/v1                          | http://***@host/v1",
        "http://u:SECRET1@                                    | http://***@",
        "http://[::1                                          | http://[::1",
        "http://                                              | http://",
        "?SECRET1                                             | ?***",
        // an @ in the path is taken for user info: hiding too much is the safe side
        "https://host.example/v1/chat@SECRET1                 | https://***@SECRET1",
      })
  void hidesUserInfoQueryValuesAndFragmentButKeepsTheRest(String given, String shown) {
    assertThat(RedactedUrl.of(given)).isEqualTo(shown);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://u:SECRET@h/v1?a=SECRET&b=SECRET#SECRET",
        "SECRET@h",
        "u:SECRET@h:8080",
        "http://u:SECRET/x@h/v1",
        "http://u:SE CRET@h/v1",
        "http:/u:SECRET@h/v1",
        "http:\\\\u:SECRET@h",
        "https://h/v1?a=SECRET?b=SECRET",
        "https://h/v1?SECRET",
        "//u:SECRET@h/v1",
        "@SECRET@",
        "http://h/v1?x=1&api-key=SECRET",
      })
  void neverLeaksWhateverTheShape(String given) {
    assertThat(RedactedUrl.of(given)).doesNotContain("SECRET");
    if (given.contains("://")) {
      assertThat(RedactedUrl.inText("request to " + given + " failed")).doesNotContain("SECRET");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://u:SECRET@h/v1?a=SECRET&api-version=1#SECRET",
        "https://h/v1",
        "***@h/v1?k=***",
        "http://u:pa/SECRET@host/v1",
      })
  void aRedactedUrlRedactsToItself(String given) {
    String once = RedactedUrl.of(given);
    assertThat(RedactedUrl.of(once)).isEqualTo(once);
  }

  @Test
  void nullStaysNull() {
    assertThat(RedactedUrl.of(null)).isNull();
    assertThat(RedactedUrl.inText(null)).isNull();
    assertThat(RedactedUrl.secretsOf(null)).isEmpty();
  }

  @Test
  void redactsEveryUrlInAText() {
    assertThat(
            RedactedUrl.inText(
                "nothing is listening at http://u:sk-SECRET1@127.0.0.1:9/v1?api-key=SECRET2"
                    + " (connection refused); try 'http://h/v1?k=SECRET3'"))
        .isEqualTo(
            "nothing is listening at http://***@127.0.0.1:9/v1?api-key=***"
                + " (connection refused); try 'http://h/v1?k=***'");
    assertThat(RedactedUrl.inText("got 'http://***@h/v1?k=***'."))
        .isEqualTo("got 'http://***@h/v1?k=***'.");
    assertThat(RedactedUrl.inText("must start with http:// or https://"))
        .isEqualTo("must start with http:// or https://");
    assertThat(RedactedUrl.inText("no URL here")).isEqualTo("no URL here");
  }

  @Test
  void secretsAreWhatAServerMightEchoLongestFirst() {
    assertThat(
            RedactedUrl.secretsOf(
                "http://user:sk-SECRET1@h/v1?api-key=sk%2DSECRET2&api-version=2024-06-01&n=1"))
        .containsExactly("user:sk-SECRET1", "sk%2DSECRET2", "sk-SECRET1", "sk-SECRET2");
    assertThat(RedactedUrl.secretsOf("https://h/v1")).isEmpty();
  }
}

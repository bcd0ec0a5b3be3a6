package dev.draft.client.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The limits servers name in their refusals, in each wording met so far. */
class ServerErrorLimitsTest {
  private static Integer nLimit(String message) {
    return ServerError.parse("{\"error\":{\"message\":\"" + message + "\"}}").nLimit();
  }

  private static Integer window(String message) {
    return ServerError.parse("{\"error\":{\"message\":\"" + message + "\"}}").contextWindow();
  }

  @Test
  void nLimits() {
    assertThat(nLimit("Field 'n': Value must be between 1 <= value <= 4, but got 5")).isEqualTo(4);
    assertThat(
            nLimit(
                "Invalid 'n': integer above maximum value. Expected a value <= 128, but got"
                    + " 200 instead."))
        .isEqualTo(128);
    assertThat(nLimit("n: must be less than or equal to 128")).isEqualTo(128);
    assertThat(nLimit("1 validation error: n Input should be less than or equal to 8"))
        .isEqualTo(8);
    assertThat(nLimit("n must be at most 16")).isEqualTo(16);
    assertThat(nLimit("n must be less than 5")).isEqualTo(4);
    assertThat(nLimit("n must be between 1 and 10")).isEqualTo(10);
    assertThat(nLimit("Unsupported parameter: 'n'")).isNull();
    assertThat(nLimit("n must be 1")).isNull();
  }

  @Test
  void contextWindows() {
    assertThat(
            window(
                "request (3028 tokens) exceeds the available context size (2048 tokens),"
                    + " try increasing it"))
        .isEqualTo(2048);
    assertThat(
            window(
                "This model's maximum context length is 4096 tokens. However, you requested"
                    + " 5000 tokens"))
        .isEqualTo(4096);
    assertThat(window("prompt is too long: 210000 tokens > 200000 maximum")).isEqualTo(200000);
    assertThat(window("Input tokens exceed the configured limit of 272000 tokens."))
        .isEqualTo(272000);
    assertThat(window("the context window of 8,192 tokens was exceeded")).isEqualTo(8192);
    assertThat(window("Input is too long")).isNull();
  }
}

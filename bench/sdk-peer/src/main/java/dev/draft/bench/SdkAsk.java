package dev.draft.bench;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.PrintStream;

/**
 * The benchmark peer for draft's start-up target (issue 13: a streamed {@code draft ask} must take
 * at most 0.4× the time of the same request made through the official OpenAI Java SDK).
 *
 * <p>It makes exactly one streamed chat completion through {@code com.openai:openai-java}, prints
 * each chunk's text to stdout as it arrives, and exits, so {@code scripts/bench} can time it as a
 * whole process (JVM start, SDK load, request, stream, exit) against draft's {@code ask} in the
 * same run. It is a separate Maven project and never part of draft's jar.
 *
 * <p>Usage: {@code SdkAsk BASE_URL MODEL PROMPT}, BASE_URL like {@code http://127.0.0.1:PORT/v1}.
 */
public final class SdkAsk {
  private SdkAsk() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println(
          "usage: SdkAsk BASE_URL MODEL PROMPT   (BASE_URL like http://127.0.0.1:PORT/v1)");
      System.exit(2);
    }
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey("bench").build();
    PrintStream out = System.out;
    try {
      ChatCompletionCreateParams params =
          ChatCompletionCreateParams.builder().model(args[1]).addUserMessage(args[2]).build();
      try (StreamResponse<ChatCompletionChunk> stream =
          client.chat().completions().createStreaming(params)) {
        stream.stream()
            .flatMap(chunk -> chunk.choices().stream())
            .flatMap(choice -> choice.delta().content().stream())
            .forEach(
                text -> {
                  out.print(text);
                  out.flush();
                });
      }
      out.println();
      out.flush();
    } finally {
      client.close();
    }
    System.exit(0);
  }
}

package dev.draft.client.openai;

import static dev.draft.client.openai.WireFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.client.Usage;
import dev.draft.client.openai.StreamChunk.ChoiceDelta;
import dev.draft.client.openai.StreamChunk.Delta;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link ChunkReader} takes from one chunk; {@link StreamEventsTest} compares it to trees. */
class ChunkReaderTest {
  private static final String EVERY_FIELD =
      json(
          "{'id':'c','choices':[{'index':3,'delta':{'role':'assistant','content':'c',"
              + "'reasoning_content':'rc','reasoning':'r','tool_calls':[{'index':0}]},"
              + "'logprobs':{'content':[]},'finish_reason':'stop',"
              + "'usage':{'prompt_tokens':1,'completion_tokens':2}},{'index':4,"
              + "'message':{'content':'m'}}],'usage':{'prompt_tokens':3,'completion_tokens':4,"
              + "'total_tokens':7}}");

  private static final StreamChunk EVERY_FIELD_READ =
      new StreamChunk(
          List.of(
              new ChoiceDelta(3, new Delta("c", "rc", "r"), "stop", new Usage(1, 2)),
              new ChoiceDelta(4, new Delta("m", null, null), null, Usage.NONE)),
          new Usage(3, 4));

  @Test
  void readsEveryFieldTheAccumulatorUses() throws Exception {
    assertThat(new ChunkReader().read(EVERY_FIELD)).isEqualTo(EVERY_FIELD_READ);
    assertThat(StreamChunk.fromTree(Json.MAPPER.readTree(EVERY_FIELD))).isEqualTo(EVERY_FIELD_READ);
  }

  @Test
  void readsOnlyTheBytesItIsGiven() {
    byte[] chunk = EVERY_FIELD.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[chunk.length + 20];
    Arrays.fill(padded, (byte) '}');
    System.arraycopy(chunk, 0, padded, 10, chunk.length);

    assertThat(new ChunkReader().read(padded, 10, chunk.length)).isEqualTo(EVERY_FIELD_READ);
    assertThat(new ChunkReader().read(padded, 10, chunk.length - 1)).isNull();
  }

  @Test
  void aChunkWithoutChoicesCarriesOnlyItsUsage() {
    assertThat(
            new ChunkReader()
                .read(json("{'choices':[],'usage':{'prompt_tokens':9,'completion_tokens':12}}")))
        .isEqualTo(new StreamChunk(List.of(), new Usage(9, 12)));
  }

  @Test
  void anErrorIsLeftToTheTreeAndTheNextChunkIsReadAgain() {
    ChunkReader reader = new ChunkReader();

    assertThat(reader.read(json("{'error':{'message':'overloaded'}}"))).isNull();
    assertThat(reader.read(json("{'choices':[{'index':0,'delta':{'content':'x'}}]}")))
        .isEqualTo(
            new StreamChunk(
                List.of(new ChoiceDelta(0, new Delta("x", null, null), null, Usage.NONE)),
                Usage.NONE));
  }
}

package dev.draft.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.draft.DraftListener;
import dev.draft.draft.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRecorderTest {
  @TempDir Path dir;

  @Test
  void theSavingListenerPassesEveryCallOn() {
    List<String> calls = new ArrayList<>();
    DraftListener inner =
        new DraftListener() {
          @Override
          public void onText(int draft, String delta) {
            calls.add("text " + draft + " " + delta);
          }

          @Override
          public void onReasoning(int draft, String delta) {
            calls.add("reasoning " + draft + " " + delta);
          }

          @Override
          public void onFinished(int draft, Status outcome) {
            calls.add("finished " + draft + " " + outcome.label());
          }
        };
    StringWriter err = new StringWriter();
    try (HistoryRecorder recorder =
        HistoryRecorder.open(dir.resolve("history.db"), true, new PrintWriter(err))) {
      DraftListener saving = recorder.saving("r1aaaaaaaa", inner);

      saving.onReasoning(2, "hm");
      saving.onText(2, "Hi");
      saving.onFinished(2, Status.COMPLETE);
    }

    assertThat(calls).containsExactly("reasoning 2 hm", "text 2 Hi", "finished 2 complete");
    assertThat(err.toString()).isEmpty();
  }
}

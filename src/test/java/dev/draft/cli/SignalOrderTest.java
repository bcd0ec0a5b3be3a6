package dev.draft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draft.session.Context;
import dev.draft.session.Interrupts;
import dev.draft.session.PickSession;
import dev.draft.ui.TerminalScreen;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A terminal screen saves the signal handlers it finds and puts them back when it closes, so
 * draft's own must be in place before the first screen opens, or a Ctrl-C after the view closed
 * would end the JVM without giving the terminal back.
 */
class SignalOrderTest {
  @Test
  void theHandlersAreInstalledBeforeTheScreenOpens() throws Exception {
    List<String> order = new ArrayList<>();
    Interrupts interrupts = new Interrupts(code -> {}, self -> order.add("signal handlers"));
    try (ScreenFixture fixture = new ScreenFixture(80, 24)) {
      Context context =
          Context.builder(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
              .interrupts(interrupts)
              .screens(
                  () -> {
                    order.add("screen");
                    return fixture.open();
                  })
              .build();

      try (TerminalScreen screen = PickSession.screen(context)) {
        assertThat(order).containsExactly("signal handlers", "screen");
      }
      try (TerminalScreen again = PickSession.screen(context)) {
        assertThat(order).containsExactly("signal handlers", "screen", "screen");
      }
    }
  }
}

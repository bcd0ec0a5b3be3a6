package dev.draft.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Ctrl-C goes to the work that registered to be stopped, once, and only while it runs. */
class InterruptsTest {
  private final Interrupts interrupts = new Interrupts();
  private final AtomicInteger stops = new AtomicInteger();

  @Test
  void theHandlersAreInstalledOnceWhenTheFirstWorkIsGuarded() {
    java.util.List<Interrupts> installed = new java.util.ArrayList<>();
    Interrupts lazy = new Interrupts(code -> {}, installed::add);
    assertThat(installed).isEmpty();

    try (Interrupts.Scope first = lazy.during(stops::incrementAndGet)) {
      assertThat(installed).containsExactly(lazy);
    }
    try (Interrupts.Scope second = lazy.during(stops::incrementAndGet)) {
      assertThat(installed).hasSize(1);
    }
  }

  @Test
  void fireWithNothingRegisteredReturnsFalse() {
    assertThat(interrupts.fire()).isFalse();
  }

  @Test
  void firstFireDuringAScopeStopsTheWorkOnceAndTheSecondDoesNot() {
    try (Interrupts.Scope scope = interrupts.during(stops::incrementAndGet)) {
      assertThat(scope.fired()).isFalse();

      assertThat(interrupts.fire()).isTrue();
      assertThat(stops).hasValue(1);
      assertThat(scope.fired()).isTrue();

      assertThat(interrupts.fire()).as("a second Ctrl-C exits").isFalse();
      assertThat(stops).hasValue(1);
    }
  }

  @Test
  void fireAfterTheScopeIsClosedReturnsFalseAndStopsNothing() {
    Interrupts.Scope scope = interrupts.during(stops::incrementAndGet);
    scope.close();

    assertThat(interrupts.fire()).isFalse();
    assertThat(stops).hasValue(0);
    assertThat(scope.fired()).isFalse();
  }

  @Test
  void exitRunsWhatMainGaveItAndNothingByDefault() {
    java.util.concurrent.atomic.AtomicInteger exits =
        new java.util.concurrent.atomic.AtomicInteger();
    Interrupts withExit = new Interrupts(exits::incrementAndGet);

    withExit.exit();
    interrupts.exit();

    assertThat(exits).hasValue(1);
  }

  @Test
  void aCancellingScopeResumesTheClientWhenItClosesOnlyIfCtrlCCame() {
    java.util.List<String> calls = new java.util.ArrayList<>();
    dev.draft.client.ChatClient client =
        new dev.draft.client.ChatClient() {
          @Override
          public dev.draft.client.ChatResult complete(
              dev.draft.client.ChatRequest request, dev.draft.client.StreamListener listener) {
            throw new AssertionError();
          }

          @Override
          public java.util.List<dev.draft.client.ModelInfo> listModels() {
            throw new AssertionError();
          }

          @Override
          public void cancel() {
            calls.add("cancel");
          }

          @Override
          public void resume() {
            calls.add("resume");
          }
        };

    try (Interrupts.Scope quiet = interrupts.cancelling(client)) {
      assertThat(quiet.fired()).isFalse();
    }
    try (Interrupts.Scope stopped = interrupts.cancelling(client)) {
      interrupts.fire();
      assertThat(calls).containsExactly("cancel");
    }

    assertThat(calls).containsExactly("cancel", "resume");
  }

  @Test
  void aScopeOpenedInsideAnotherStopsBothAndLeavesTheOuterOneCurrent() {
    AtomicInteger outerStops = new AtomicInteger();
    try (Interrupts.Scope batch = interrupts.during(outerStops::incrementAndGet)) {
      try (Interrupts.Scope judge = interrupts.during(stops::incrementAndGet)) {
        assertThat(interrupts.fire()).isTrue();
        assertThat(stops).hasValue(1);
        assertThat(outerStops).as("the batch the judge runs in").hasValue(1);
        assertThat(batch.fired()).isTrue();
      }
    }
    assertThat(interrupts.fire()).as("nothing is left registered").isFalse();
  }

  @Test
  void scopesClosedOutOfOrderLeaveTheOuterOneToStop() {
    AtomicInteger outerStops = new AtomicInteger();
    try (Interrupts.Scope batch = interrupts.during(outerStops::incrementAndGet)) {
      Interrupts.Scope first = interrupts.during(stops::incrementAndGet);
      Interrupts.Scope second = interrupts.during(stops::incrementAndGet);
      first.close(); // two workers' scopes, the older closed first
      second.close();

      assertThat(interrupts.fire()).isTrue();
      assertThat(stops).as("closed scopes are not stopped").hasValue(0);
      assertThat(outerStops).hasValue(1);
    }
    assertThat(interrupts.fire()).isFalse();
  }
}

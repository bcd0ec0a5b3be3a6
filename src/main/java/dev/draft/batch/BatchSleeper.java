package dev.draft.batch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits while a batch keeps its rate limits; tests advance a fake clock instead of sleeping. (Named
 * apart from the chat client's {@code OpenAiChatClient.Sleeper}, which waits between retries.)
 */
@FunctionalInterface
public interface BatchSleeper {
  /** Sleeps for real; an interrupt (the batch being stopped) ends the wait at once. */
  BatchSleeper REAL = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  void sleep(Duration duration) throws InterruptedException;
}

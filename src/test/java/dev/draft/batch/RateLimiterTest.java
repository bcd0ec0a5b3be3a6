package dev.draft.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draft.client.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The limits over long simulated runs: a fake clock that only the sleeper and the simulated work
 * move, so nothing really sleeps and every run is the same.
 */
class RateLimiterTest {
  private static final long MINUTE = 60_000;

  private final FakeClock clock = new FakeClock();
  private final AdvancingSleeper sleeper = new AdvancingSleeper(clock);

  /** One request let through: when, and how many tokens it took. */
  private record Admission(long at, long tokens) {}

  @Test
  void eightWorkersNeverExceedRpmInAnySixtySecondsAndLoseNoTime() throws Exception {
    RateLimiter limiter = new RateLimiter(50, null, clock, sleeper);

    List<Admission> admitted = runWorkers(limiter, 8, 100, new Random(7), 0, 0, 0);

    assertThat(admitted).hasSize(800);
    assertWindowsHoldAtMost(admitted, 50, a -> 1);
    // A window's worth at once, then the next as soon as the first has left the window: 16
    // windows, each starting one millisecond after the one before it ends.
    long last = admitted.stream().mapToLong(Admission::at).max().orElseThrow();
    assertThat(last).isEqualTo(15 * (MINUTE + 1));
    assertThat(admitted.stream().filter(a -> a.at() == 0)).hasSize(50);
    // Only the worker at the head of the line sleeps: the wait is the batch's, not eight times it.
    assertThat(limiter.waited()).isEqualTo(Duration.ofMillis(15 * (MINUTE + 1)));
  }

  @Test
  void eightWorkersNeverExceedRpmOrTpmWhileRequestsTakeTime() throws Exception {
    RateLimiter limiter = new RateLimiter(40, 20_000, clock, sleeper);

    List<Admission> admitted = runWorkers(limiter, 8, 150, new Random(11), 50, 3_000, 5_000);

    assertThat(admitted).hasSize(1_200);
    assertWindowsHoldAtMost(admitted, 40, a -> 1);
    assertWindowsHoldAtMost(admitted, 20_000, Admission::tokens);
  }

  @Test
  void longSingleWorkerRunKeepsBothLimitsAndWaitsNoLongerThanItMust() throws Exception {
    RateLimiter limiter = new RateLimiter(30, 8_000, clock, sleeper);
    Random random = new Random(3);
    List<Admission> admitted = new ArrayList<>();
    long waits = 0;
    for (int i = 0; i < 3_000; i++) {
      clock.advance(random.nextInt(4_000));
      long tokens = 1 + random.nextInt(2_500);
      long asked = clock.millis();
      acquireAndRecord(limiter, tokens, admitted);
      long at = admitted.get(admitted.size() - 1).at();
      if (at > asked) {
        waits++;
        // One millisecond earlier it would not have fitted: the limiter waited no longer than it
        // had to.
        long earlier = at - 1;
        List<Admission> inWindow =
            admitted.subList(0, admitted.size() - 1).stream()
                .filter(a -> earlier - a.at() <= MINUTE)
                .toList();
        long tokensInWindow = inWindow.stream().mapToLong(Admission::tokens).sum();
        assertThat(inWindow.size() >= 30 || tokensInWindow + tokens > 8_000)
            .as("request %d let through at %d could have gone at %d", i, at, earlier)
            .isTrue();
      }
    }

    assertThat(waits)
        .as("the run must meet both limits for the test to mean anything")
        .isGreaterThan(100);
    assertWindowsHoldAtMost(admitted, 30, a -> 1);
    assertWindowsHoldAtMost(admitted, 8_000, Admission::tokens);
  }

  @Test
  void itemLargerThanTpmGoesOutAloneWhenTheWindowIsEmpty() throws Exception {
    RateLimiter limiter = new RateLimiter(null, 1_000, clock, sleeper);

    limiter.acquire(5_000);
    assertThat(clock.millis()).isZero();

    // Nothing else fits until the oversize item has left the window.
    limiter.acquire(10);
    assertThat(clock.millis()).isEqualTo(MINUTE + 1);

    // The next oversize item waits for the window to empty, then goes out.
    clock.advance(30_000);
    limiter.acquire(2_000);
    assertThat(clock.millis()).isEqualTo(2 * (MINUTE + 1));
    assertThat(limiter.waited()).isEqualTo(Duration.ofMillis(MINUTE + 1 + MINUTE + 1 - 30_000));
  }

  @Test
  void noLimitsNeverWait() throws Exception {
    RateLimiter limiter = new RateLimiter(null, null, clock, sleeper);

    for (int i = 0; i < 10_000; i++) {
      limiter.acquire(1_000_000);
    }

    assertThat(sleeper.sleeps).isEmpty();
    assertThat(limiter.waited()).isEqualTo(Duration.ZERO);
  }

  @Test
  void lastRequestsAnnouncedPauseUntilTheirResetAndNoLonger() throws Exception {
    RateLimiter limiter = new RateLimiter(null, null, clock, sleeper);
    limiter.acquire(100);

    limiter.observe(limits(1L, 5_000L, Duration.ofSeconds(7), Duration.ofSeconds(30)));
    limiter.acquire(100);

    assertThat(clock.millis()).isEqualTo(7_000);
    limiter.acquire(100);
    assertThat(clock.millis()).isEqualTo(7_000);
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(limiter.waited()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void requestsLeftBeyondOneDoNotPause() throws Exception {
    RateLimiter limiter = new RateLimiter(null, null, clock, sleeper);
    limiter.acquire(100);

    limiter.observe(limits(2L, 5_000L, Duration.ofSeconds(7), Duration.ofSeconds(30)));
    limiter.acquire(100);

    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void fewerTokensLeftThanTheLastRequestTookPauseUntilTheTokenReset() throws Exception {
    RateLimiter limiter = new RateLimiter(null, null, clock, sleeper);
    limiter.acquire(1_200);

    limiter.observe(limits(400L, 1_199L, Duration.ofSeconds(1), Duration.ofMillis(6_500)));
    limiter.acquire(1_200);

    assertThat(clock.millis()).isEqualTo(6_500);

    limiter.observe(limits(400L, 1_200L, Duration.ofSeconds(1), Duration.ofMillis(6_500)));
    limiter.acquire(1_200);
    assertThat(clock.millis()).isEqualTo(6_500);
  }

  @Test
  void noTokensLeftPauseEvenBeforeAnyRequestWasSent() throws Exception {
    RateLimiter limiter = new RateLimiter(null, null, clock, sleeper);

    limiter.observe(limits(null, 0L, null, Duration.ofSeconds(2)));
    limiter.acquire(0);

    assertThat(clock.millis()).isEqualTo(2_000);
  }

  @Test
  void announcedPausesAreCappedAtAMinuteAndNeedAResetTime() throws Exception {
    RateLimiter limiter = new RateLimiter(null, null, clock, sleeper);

    limiter.observe(limits(0L, null, null, null));
    limiter.acquire(1);
    assertThat(clock.millis()).isZero();

    limiter.observe(limits(0L, null, Duration.ofHours(2), null));
    limiter.acquire(1);
    assertThat(clock.millis()).isEqualTo(MINUTE);

    limiter.observe(null);
    limiter.observe(RateLimits.NONE);
    limiter.acquire(1);
    assertThat(clock.millis()).isEqualTo(MINUTE);
  }

  @Test
  void pauseForHoldsBackNoLongerThanAskedAndNeverShortensAPause() throws Exception {
    RateLimiter limiter = new RateLimiter(null, null, clock, sleeper);

    limiter.pauseFor(Duration.ofSeconds(3));
    limiter.pauseFor(Duration.ofSeconds(1));
    limiter.pauseFor(Duration.ofSeconds(-5));
    limiter.acquire(1);
    assertThat(clock.millis()).isEqualTo(3_000);

    limiter.pauseFor(Duration.ofMillis(1_500).plusNanos(1));
    limiter.acquire(1);
    assertThat(clock.millis()).isEqualTo(4_501);

    limiter.pauseFor(Duration.ofMinutes(10));
    limiter.acquire(1);
    assertThat(clock.millis()).isEqualTo(4_501 + MINUTE);
    assertThat(limiter.waited()).isEqualTo(Duration.ofMillis(4_501 + MINUTE));
  }

  @Test
  void pauseAnnouncedWhileAWorkerSleepsKeepsItWaiting() throws Exception {
    RateLimiter limiter = new RateLimiter(1, null, clock, sleeper);
    limiter.acquire(1);
    sleeper.onFirstSleep = () -> limiter.pauseFor(Duration.ofSeconds(90));

    clock.advance(1_000);
    limiter.acquire(1);

    // It slept until the request left the window, found the pause (capped at a minute from when
    // it was asked for) and slept to its end.
    assertThat(sleeper.sleeps)
        .containsExactly(Duration.ofMillis(MINUTE + 1 - 1_000), Duration.ofMillis(999));
    assertThat(clock.millis()).isEqualTo(1_000 + MINUTE);
    assertThat(limiter.waited()).isEqualTo(Duration.ofMillis(MINUTE));
  }

  @Test
  void stoppedWaitCountsNothingAndLetsTheNextWorkerIn() throws Exception {
    RateLimiter limiter = new RateLimiter(1, null, clock, sleeper);
    limiter.acquire(1);
    sleeper.interruptNext = true;

    assertThatThrownBy(() -> limiter.acquire(1)).isInstanceOf(InterruptedException.class);

    // The stopped request took no place in the window: one more fits once the first has left.
    Thread other = new Thread(() -> acquireUnchecked(limiter));
    other.start();
    other.join();
    assertThat(clock.millis()).isEqualTo(MINUTE + 1);
    limiter.acquire(1);
    assertThat(clock.millis()).isEqualTo(2 * (MINUTE + 1));
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void onlyTheFirstWorkerInLineSleepsTheOthersWaitTheirTurn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger sleepers = new AtomicInteger();
    BatchSleeper blockingFirst =
        duration -> {
          if (sleepers.incrementAndGet() == 1) {
            release.await();
          }
          clock.advance(duration.toMillis());
        };
    RateLimiter limiter = new RateLimiter(1, null, clock, blockingFirst);
    limiter.acquire(1);
    List<Admission> admitted = new CopyOnWriteArrayList<>();
    Thread first = new Thread(() -> acquireRecording(limiter, 1, admitted));
    first.start();
    while (first.isAlive() && sleepers.get() == 0) {
      Thread.onSpinWait();
    }
    Thread second = new Thread(() -> acquireRecording(limiter, 2, admitted));
    try {
      second.start();
      while (second.isAlive() && second.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }

      assertThat(sleepers.get()).as("the second worker waits for its turn, not in a sleep").isOne();
    } finally {
      release.countDown();
    }
    first.join();
    second.join();
    // In the order they asked (the records themselves may be added in either order).
    assertThat(admitted)
        .containsExactlyInAnyOrder(
            new Admission(MINUTE + 1, 1), new Admission(2 * (MINUTE + 1), 2));
    assertThat(limiter.waited()).isEqualTo(Duration.ofMillis(2 * (MINUTE + 1)));
  }

  @Test
  void limitsBelowOneAreRefused() {
    assertThatThrownBy(() -> new RateLimiter(0, null, clock, sleeper))
        .hasMessage("--rpm must be at least 1, not 0");
    assertThatThrownBy(() -> new RateLimiter(null, -3, clock, sleeper))
        .hasMessage("--tpm must be at least 1, not -3");
    assertThatThrownBy(() -> new RateLimiter(null, null, clock, sleeper).acquire(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static RateLimits limits(
      Long requestsLeft, Long tokensLeft, Duration requestsReset, Duration tokensReset) {
    return new RateLimits(500L, 30_000L, requestsLeft, tokensLeft, requestsReset, tokensReset);
  }

  /**
   * Runs {@code workers} threads that each acquire {@code each} times, with between {@code
   * minTokens} and {@code maxTokens} tokens (0 for none), each request then taking up to {@code
   * maxWorkMillis} of simulated time.
   */
  private List<Admission> runWorkers(
      RateLimiter limiter,
      int workers,
      int each,
      Random seeds,
      long minTokens,
      long maxTokens,
      int maxWorkMillis)
      throws Exception {
    ConcurrentLinkedQueue<Admission> admitted = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        Random random = new Random(seeds.nextLong());
        done.add(
            pool.submit(
                () -> {
                  List<Admission> mine = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    long tokens =
                        maxTokens == 0
                            ? 0
                            : minTokens + (long) (random.nextDouble() * (maxTokens - minTokens));
                    acquireAndRecord(limiter, tokens, mine);
                    if (maxWorkMillis > 0) {
                      clock.advance(random.nextInt(maxWorkMillis));
                    }
                  }
                  admitted.addAll(mine);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new ArrayList<>(admitted);
  }

  /**
   * Acquires and records when the request was let through: the last time this thread read the
   * clock, which is the moment the limiter decided (other workers may move the clock right after).
   */
  private void acquireAndRecord(RateLimiter limiter, long tokens, List<Admission> into)
      throws InterruptedException {
    limiter.acquire(tokens);
    into.add(new Admission(clock.lastReadByThisThread(), tokens));
  }

  private void acquireRecording(RateLimiter limiter, long tokens, List<Admission> into) {
    try {
      acquireAndRecord(limiter, tokens, into);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void acquireUnchecked(RateLimiter limiter) {
    try {
      limiter.acquire(1);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * No 60-second window, both ends included, holds more than {@code limit}: every window that holds
   * most starts at some admission, so those are the windows to check.
   */
  private static void assertWindowsHoldAtMost(
      List<Admission> admitted, long limit, java.util.function.ToLongFunction<Admission> weight) {
    List<Admission> sorted =
        admitted.stream().sorted(Comparator.comparingLong(Admission::at)).toList();
    int end = 0;
    long inWindow = 0;
    for (int start = 0; start < sorted.size(); start++) {
      while (end < sorted.size() && sorted.get(end).at() - sorted.get(start).at() <= MINUTE) {
        inWindow += weight.applyAsLong(sorted.get(end));
        end++;
      }
      assertThat(inWindow)
          .as("the 60 s from %d ms", sorted.get(start).at())
          .isLessThanOrEqualTo(limit);
      inWindow -= weight.applyAsLong(sorted.get(start));
    }
  }

  /** A clock that moves only when told, and remembers what each thread last read. */
  static final class FakeClock extends Clock {
    private final AtomicLong millis = new AtomicLong();
    private final ThreadLocal<Long> lastRead = new ThreadLocal<>();

    void advance(long by) {
      millis.addAndGet(by);
    }

    long lastReadByThisThread() {
      return lastRead.get();
    }

    @Override
    public long millis() {
      long now = millis.get();
      lastRead.set(now);
      return now;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Sleeps by moving the fake clock on, and records each sleep. */
  static final class AdvancingSleeper implements BatchSleeper {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final FakeClock clock;
    volatile Runnable onFirstSleep;
    volatile boolean interruptNext;

    AdvancingSleeper(FakeClock clock) {
      this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      if (interruptNext) {
        interruptNext = false;
        throw new InterruptedException();
      }
      Runnable first = onFirstSleep;
      if (first != null) {
        onFirstSleep = null;
        first.run();
      }
      sleeps.add(duration);
      clock.advance(duration.toMillis());
    }
  }
}

package dev.draft.batch;

import dev.draft.client.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a batch within the user's {@code --rpm} (requests per minute) and {@code --tpm} (tokens per
 * minute), and slows it down before the server refuses with 429 when the server announces that its
 * own limits are nearly spent. Thread-safe: every worker calls {@link #acquire} before each
 * request.
 *
 * <p>Each limit is a sliding window over a log of what was let through: a request goes out only
 * when the requests (or tokens) let through in the 60 seconds before it, itself included, stay
 * within the limit. So no 60-second window, wherever it starts and whether its ends count or not,
 * holds more than the limit (an item larger than {@code --tpm} alone excepted, see {@link
 * #acquire}), which is exactly what the options promise. A token bucket refilled at limit/60 per
 * second does not keep that promise with a minute's capacity (a full bucket spent at once, then a
 * minute of refill, lets nearly twice the limit through in one minute), and keeps it with a smaller
 * capacity only by making every batch slower than the limit allows. The log holds at most one entry
 * per request let through in the last minute, so never more than {@code rpm} entries for the
 * requests. The price of the window is that a minute's worth may go out at once, and the next as
 * soon as the first leaves the window; a server that refills its own limit evenly may then announce
 * it spent, which {@link #observe} handles.
 *
 * <p>Workers take their turns in the order they asked (a fair lock): the first one waiting holds
 * the others back, so a large item is never passed over forever by small ones, and only one worker
 * sleeps at a time, which makes {@link #waited()} the time the batch as a whole was held back.
 */
public final class RateLimiter {
  /** The length of a window. An entry leaves it one millisecond after its end. */
  static final long WINDOW_MILLIS = 60_000;

  /** The longest pause one announcement or refusal of the server can ask for. */
  static final Duration MAX_PAUSE = Duration.ofSeconds(60);

  private final Integer rpm;
  private final Integer tpm;
  private final Clock clock;
  private final BatchSleeper sleeper;
  private final ReentrantLock turn = new ReentrantLock(true);

  // Guarded by this; times are the clock's milliseconds.
  private final ArrayDeque<Long> requests = new ArrayDeque<>();
  private final ArrayDeque<long[]> tokenLog = new ArrayDeque<>();
  private long tokensInWindow;
  private long pausedUntil = Long.MIN_VALUE;
  private long typicalTokens;
  private long waitedMillis;

  /** A limiter on a clock that never goes backwards, sleeping for real. */
  public RateLimiter(Integer rpm, Integer tpm) {
    this(rpm, tpm, new MonotonicClock(), BatchSleeper.REAL);
  }

  /**
   * @param rpm the most requests in any 60 seconds, or null for no limit
   * @param tpm the most tokens in any 60 seconds, or null for no limit
   * @param clock what time it is; must not go backwards
   * @param sleeper waits for the time a limit asks
   */
  public RateLimiter(Integer rpm, Integer tpm, Clock clock, BatchSleeper sleeper) {
    if (rpm != null && rpm < 1) {
      throw new IllegalArgumentException("--rpm must be at least 1, not " + rpm);
    }
    if (tpm != null && tpm < 1) {
      throw new IllegalArgumentException("--tpm must be at least 1, not " + tpm);
    }
    this.rpm = rpm;
    this.tpm = tpm;
    this.clock = Objects.requireNonNull(clock);
    this.sleeper = Objects.requireNonNull(sleeper);
  }

  /**
   * Blocks until one more request of {@code tokens} tokens fits within the limits and no pause is
   * under way, then counts it as sent. An item larger than {@code --tpm} on its own could never
   * fit, so it goes out as soon as the token window is empty (that one window holds more than the
   * limit, which no wait could avoid), and nothing else goes out until it has left the window.
   *
   * @param tokens what the request will take: its prompt and the most it may answer
   * @throws InterruptedException when the batch is stopped while waiting; nothing is counted
   */
  public void acquire(long tokens) throws InterruptedException {
    if (tokens < 0) {
      throw new IllegalArgumentException("a request cannot take " + tokens + " tokens");
    }
    turn.lockInterruptibly();
    try {
      while (true) {
        long now;
        long wait;
        synchronized (this) {
          now = clock.millis();
          wait = waitMillis(now, tokens);
          if (wait == 0) {
            admit(now, tokens);
            return;
          }
        }
        sleeper.sleep(Duration.ofMillis(wait));
        synchronized (this) {
          waitedMillis += Math.max(0, clock.millis() - now);
        }
      }
    } finally {
      turn.unlock();
    }
  }

  /**
   * Reads the limits the server announced with an answer. When it has at most one request left, or
   * fewer tokens left than the last request took, new requests wait until the matching reset time
   * has passed (at most {@link #MAX_PAUSE}): the next one would most likely be refused. A server
   * that says nothing of when its limit resets causes no pause; its 429 is retried as usual. An
   * answer that arrives late may pause the batch once more for its reset time, which costs at most
   * that reset time and never a refusal.
   */
  public void observe(RateLimits limits) {
    if (limits == null || !limits.known()) {
      return;
    }
    synchronized (this) {
      long now = clock.millis();
      Long requestsLeft = limits.remainingRequests();
      if (requestsLeft != null && requestsLeft <= 1 && limits.resetRequests() != null) {
        pauseUntil(now, limits.resetRequests());
      }
      Long tokensLeft = limits.remainingTokens();
      if (tokensLeft != null
          && tokensLeft < Math.max(1, typicalTokens)
          && limits.resetTokens() != null) {
        pauseUntil(now, limits.resetTokens());
      }
    }
  }

  /**
   * Holds new requests back for {@code duration} from now (at most {@link #MAX_PAUSE}), for the
   * runner to call when the server refused with 429. A pause already longer stays as it is.
   */
  public void pauseFor(Duration duration) {
    Objects.requireNonNull(duration);
    synchronized (this) {
      pauseUntil(clock.millis(), duration);
    }
  }

  /**
   * How long {@link #acquire} has held the batch back so far, for the summary: wall-clock time, not
   * the sum over the workers that waited together.
   */
  public synchronized Duration waited() {
    return Duration.ofMillis(waitedMillis);
  }

  /** How long a request of {@code tokens} tokens must still wait at {@code now}; 0 when none. */
  private long waitMillis(long now, long tokens) {
    forget(now);
    long wait = pausedUntil > now ? pausedUntil - now : 0;
    if (rpm != null && requests.size() >= rpm) {
      // The log never holds more than rpm entries, so the oldest is the one that must leave.
      wait = Math.max(wait, leaves(requests.peekFirst(), now));
    }
    if (tpm != null && tokens > 0 && tokensInWindow + tokens > tpm) {
      long left = tokensInWindow;
      for (long[] entry : tokenLog) {
        left -= entry[1];
        if (left + tokens <= tpm || left == 0) {
          wait = Math.max(wait, leaves(entry[0], now));
          break;
        }
      }
    }
    return wait;
  }

  private void admit(long now, long tokens) {
    if (rpm != null) {
      requests.addLast(now);
    }
    if (tpm != null && tokens > 0) {
      tokenLog.addLast(new long[] {now, tokens});
      tokensInWindow += tokens;
    }
    typicalTokens = tokens;
  }

  /** Drops what has left the window by {@code now}. */
  private void forget(long now) {
    while (!requests.isEmpty() && leaves(requests.peekFirst(), now) == 0) {
      requests.removeFirst();
    }
    for (Iterator<long[]> it = tokenLog.iterator(); it.hasNext(); ) {
      long[] entry = it.next();
      if (leaves(entry[0], now) > 0) {
        break;
      }
      tokensInWindow -= entry[1];
      it.remove();
    }
  }

  /**
   * How long until an entry let through at {@code time} leaves the window. It counts until {@code
   * time + 60 s} inclusive, so even a window whose both ends count never sees it and its successor.
   */
  private static long leaves(long time, long now) {
    return Math.max(0, time + WINDOW_MILLIS + 1 - now);
  }

  private void pauseUntil(long now, Duration duration) {
    Duration pause = duration.isNegative() ? Duration.ZERO : duration;
    if (pause.compareTo(MAX_PAUSE) > 0) {
      pause = MAX_PAUSE;
    }
    long millis = pause.toMillis() + (pause.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
    pausedUntil = Math.max(pausedUntil, now + millis);
  }

  /** The wall clock's time, advanced by the monotonic timer: a clock change moves no window. */
  private static final class MonotonicClock extends Clock {
    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the rate limiter's clock has no time zone");
    }

    @Override
    public long millis() {
      return startMillis + (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }
}

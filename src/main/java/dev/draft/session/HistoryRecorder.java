package dev.draft.session;

import dev.draft.config.Config;
import dev.draft.config.ConfigLoader;
import dev.draft.draft.Draft;
import dev.draft.draft.DraftListener;
import dev.draft.draft.DraftSet;
import dev.draft.draft.Status;
import dev.draft.history.HistoryException;
import dev.draft.history.HistoryStore;
import dev.draft.history.NewRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records a run in the history as it happens: the run before the first request, each draft's text
 * at most every second while it streams, and the outcome at the end; so that Ctrl-C, a crash or a
 * kill leaves the partial drafts findable. A history that cannot be written never costs the drafts:
 * it is reported once on stderr and recording stops.
 */
public final class HistoryRecorder implements AutoCloseable {
  /** How often a streaming draft's text is saved. */
  static final long SAVE_EVERY_MS = 1000;

  private final PrintWriter err;
  private final Map<Integer, Long> firstTokenMs = new ConcurrentHashMap<>();
  private long startedAt = System.nanoTime();
  private HistoryStore store;
  private ScheduledExecutorService flusher;

  private HistoryRecorder(HistoryStore store, PrintWriter err) {
    this.store = store;
    this.err = err;
  }

  /**
   * A recorder writing to {@code db}, or one that records nothing when {@code enabled} is false.
   */
  public static HistoryRecorder open(Path db, boolean enabled, PrintWriter err) {
    if (!enabled) {
      return new HistoryRecorder(null, err);
    }
    try {
      return new HistoryRecorder(HistoryStore.open(db), err);
    } catch (HistoryException e) {
      err.println("draft: the history is not recorded: " + e.getMessage());
      return new HistoryRecorder(null, err);
    }
  }

  /**
   * Whether runs are recorded: {@code history: on|off} in config.yaml (on by default), and not
   * turned off for the process with {@code DRAFT_HISTORY=off}.
   */
  public static boolean enabled(Config config, Map<String, String> env) {
    return envAllows(env) && config.history();
  }

  /**
   * What {@code DRAFT_HISTORY} says: false for {@code off}, true for {@code on}, empty or unset.
   *
   * @throws UsageException for any other value, naming the valid ones
   */
  public static boolean envAllows(Map<String, String> env) {
    String value = env.get("DRAFT_HISTORY");
    if (value == null || value.isBlank()) {
      return true;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default ->
          throw new UsageException(
              "DRAFT_HISTORY must be on or off, got '"
                  + value
                  + "'; set DRAFT_HISTORY=off to record nothing, or unset it");
    };
  }

  /** {@link #enabled(Config, Map)} for the config file and environment of {@code context}. */
  public static boolean enabled(Context context) {
    return enabled(ConfigLoader.load(context.dirs().configFile()), context.env());
  }

  /**
   * Stops a command that records what it does in the history, as a run linked to a past one or as
   * an event of one ({@code draft refine}, {@code merge}, {@code pick}, {@code edit}), when
   * recording is off: a usage error naming what turned it off.
   *
   * @param noHistory whether the command was given {@code --no-history}
   * @param command the command, e.g. {@code draft refine}
   */
  public static void requireEnabled(Context context, boolean noHistory, String command) {
    String off;
    if (noHistory) {
      off = "--no-history turns it off; leave that out";
    } else if (!envAllows(context.env())) {
      off = "DRAFT_HISTORY=off turns it off; unset it";
    } else if (!enabled(context)) {
      off = "config.yaml turns it off (history: off); set history: on there";
    } else {
      return;
    }
    throw new UsageException(command + " works on the history and records in it, but " + off);
  }

  public boolean recording() {
    return store != null;
  }

  public void start(NewRun run) {
    startedAt = System.nanoTime();
    write(() -> store.startRun(run));
  }

  /** An event of the whole run ({@code notes}: how its long input was read). */
  public void event(String runId, String kind, String payload) {
    write(() -> store.addEvent(runId, null, kind, payload));
  }

  /**
   * Wraps {@code inner} so that each draft's text is saved while it streams: a daemon thread saves
   * every draft that changed, once a second, so a kill loses at most the last second of text.
   */
  public DraftListener saving(String runId, DraftListener inner) {
    if (store == null) {
      return inner;
    }
    Progress progress = new Progress(runId);
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "draft-history");
              thread.setDaemon(true);
              return thread;
            });
    flusher.scheduleWithFixedDelay(
        progress::saveChanged, SAVE_EVERY_MS, SAVE_EVERY_MS, TimeUnit.MILLISECONDS);
    return new DraftListener() {
      @Override
      public void onText(int draft, String delta) {
        inner.onText(draft, delta);
        firstTokenMs.putIfAbsent(draft, (System.nanoTime() - startedAt) / 1_000_000);
        progress.append(draft, delta, false);
      }

      @Override
      public void onReasoning(int draft, String delta) {
        inner.onReasoning(draft, delta);
        progress.append(draft, delta, true);
      }

      @Override
      public void onFinished(int draft, Status outcome) {
        inner.onFinished(draft, outcome);
      }
    };
  }

  /** The text streamed so far, per draft, and which drafts changed since the last save. */
  private final class Progress {
    private final String runId;
    private final Map<Integer, StringBuilder> texts = new HashMap<>();
    private final Map<Integer, StringBuilder> reasonings = new HashMap<>();
    private final Set<Integer> changed = new HashSet<>();

    Progress(String runId) {
      this.runId = runId;
    }

    public synchronized void append(int draft, String delta, boolean reasoning) {
      (reasoning ? reasonings : texts)
          .computeIfAbsent(draft, d -> new StringBuilder())
          .append(delta);
      changed.add(draft);
    }

    public void saveChanged() {
      Map<Integer, String[]> toSave = new HashMap<>();
      synchronized (this) {
        for (int draft : changed) {
          StringBuilder text = texts.get(draft);
          StringBuilder reasoning = reasonings.get(draft);
          toSave.put(
              draft,
              new String[] {
                text == null ? "" : text.toString(), reasoning == null ? null : reasoning.toString()
              });
        }
        changed.clear();
      }
      toSave.forEach((draft, t) -> write(() -> store.saveProgress(runId, draft, t[0], t[1])));
    }
  }

  /** Stores every draft's outcome and the run's totals. */
  public void finish(String runId, DraftSet set, Double cost) {
    stopFlusher();
    long elapsedMs = (System.nanoTime() - startedAt) / 1_000_000;
    for (Draft draft : set.drafts()) {
      write(() -> store.finishDraft(runId, draft, firstTokenMs.get(draft.index()), elapsedMs));
    }
    write(() -> store.finishRun(runId, set.usage(), cost, set.method()));
  }

  private synchronized void write(Runnable action) {
    if (store == null) {
      return;
    }
    try {
      action.run();
    } catch (HistoryException | IllegalStateException e) {
      err.println("draft: the history is not recorded from here on: " + e.getMessage());
      close();
    }
  }

  private void stopFlusher() {
    if (flusher != null) {
      flusher.shutdownNow();
      flusher = null;
    }
  }

  @Override
  public synchronized void close() {
    stopFlusher();
    if (store != null) {
      try {
        store.close();
      } catch (RuntimeException ignored) {
        // Closing a store that failed cannot fail the run.
      }
      store = null;
    }
  }
}

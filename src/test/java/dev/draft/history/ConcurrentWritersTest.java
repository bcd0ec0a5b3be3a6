package dev.draft.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.draft.client.Usage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersTest {
  @TempDir Path dir;

  /** Writes {@code count} two-draft runs as a generation does: start, progress, finish. */
  static void writeRuns(HistoryStore store, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      String id = prefix + i;
      store.startRun(TestRuns.run(id).build());
      for (int step = 1; step <= 3; step++) {
        store.saveProgress(id, 1, "draft one of " + id + " ".repeat(step), null);
        store.saveProgress(id, 2, "draft two of " + id + " ".repeat(step), null);
      }
      store.finishDraft(id, TestRuns.complete(1, "draft one of " + id), 10L, 20L);
      store.finishDraft(id, TestRuns.complete(2, "draft two of " + id), 11L, 21L);
      store.finishRun(id, new Usage(24, 68), null, "native");
    }
  }

  @Test
  @Timeout(120)
  void twoStoresOnOneFileWritingAtOnceLoseNothing() throws Exception {
    Path file = dir.resolve("history.db");
    HistoryStore.open(file).close();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (String prefix : List.of("ra", "rb")) {
        writers.add(
            pool.submit(
                () -> {
                  // Each thread has its own store, as two processes would.
                  try (HistoryStore store = HistoryStore.open(file)) {
                    start.await();
                    writeRuns(store, prefix, 50);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(100, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertAllWritten(file, List.of("ra", "rb"), 50);
  }

  @Test
  @Timeout(120)
  void oneStoreSharedByManyThreadsLosesNothing() throws Exception {
    Path file = dir.resolve("history.db");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (HistoryStore store = HistoryStore.open(file)) {
      List<Future<?>> writers = new ArrayList<>();
      for (String prefix : List.of("rc", "rd", "re", "rf")) {
        writers.add(pool.submit(() -> writeRuns(store, prefix, 25)));
      }
      for (Future<?> writer : writers) {
        writer.get(100, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertAllWritten(file, List.of("rc", "rd", "re", "rf"), 25);
  }

  @Test
  @Timeout(60)
  void aWriterWaitsWhileAnotherProcessHoldsTheWriteLock() throws Exception {
    Path file = dir.resolve("history.db");
    try (HistoryStore store = HistoryStore.open(file);
        Connection other = TestRuns.raw(file);
        Statement otherStatement = other.createStatement()) {
      otherStatement.execute("BEGIN IMMEDIATE");
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<?> write = pool.submit(() -> store.startRun(TestRuns.run("r1aaaaaaaa").build()));
        Thread.sleep(300);
        assertThat(write.isDone()).as("waiting for the lock").isFalse();

        otherStatement.execute("COMMIT");

        write.get(30, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.run("r1aaaaaaaa")).isPresent();
    }
  }

  @Test
  @Timeout(180)
  void aSecondProcessWritingAtTheSameTimeLosesNothing() throws Exception {
    Path file = dir.resolve("history.db");
    HistoryStore.open(file).close();
    Path log = dir.resolve("writer.log");
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                WriterProcessMain.class.getName(),
                file.toString(),
                "rp",
                "60")
            .redirectError(log.toFile())
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).as("the other process opened the history").isEqualTo("ready");
      try (HistoryStore store = HistoryStore.open(file)) {
        writeRuns(store, "rt", 60);
      }
      assertThat(other.waitFor(150, TimeUnit.SECONDS)).isTrue();
    } finally {
      other.destroyForcibly();
    }

    assertThat(other.exitValue()).as(Files.readString(log)).isZero();
    assertAllWritten(file, List.of("rp", "rt"), 60);
  }

  private static void assertAllWritten(Path file, List<String> prefixes, int count) {
    try (HistoryStore store = HistoryStore.open(file)) {
      assertThat(store.list(Query.all())).hasSize(prefixes.size() * count);
      for (String prefix : prefixes) {
        for (int i = 0; i < count; i++) {
          String id = prefix + i;
          StoredRun run = store.run(id).orElseThrow();
          assertThat(run.drafts())
              .as(id)
              .extracting(StoredDraft::text, StoredDraft::status)
              .containsExactly(
                  tuple("draft one of " + id, DraftStatus.COMPLETE),
                  tuple("draft two of " + id, DraftStatus.COMPLETE));
          assertThat(run.finishedAt()).as(id).isNotNull();
        }
        assertThat(store.list(Query.all().withText("\"draft one of " + prefix + "7\"")))
            .extracting(RunSummary::id)
            .containsExactly(prefix + "7");
      }
    }
  }
}

package dev.draft.ui;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * What the live view costs: eight streams of fast tokens painted on a 160×48 terminal whose output
 * goes nowhere, against the same streams with no view. Prints the view's share of one core. Run by
 * {@code scripts/bench}; not a test (it measures, it does not judge).
 */
public final class LiveViewBench {
  private static final int STREAMS = 8;
  private static final int TOKENS_PER_SECOND = 150; // per stream: faster than most servers
  private static final int SECONDS = 8;

  public static void main(String[] args) throws Exception {
    double baseline = run(false);
    double withView = run(true);
    double cores = (withView - baseline) / SECONDS;
    System.out.printf(
        "live view, %d streams x %d tok/s for %d s: %.1f%% of one core (%.2f s CPU with the view,"
            + " %.2f s without)%n",
        STREAMS, TOKENS_PER_SECOND, SECONDS, cores * 100, withView, baseline);
  }

  private static double run(boolean view) throws Exception {
    ExternalTerminal terminal =
        new ExternalTerminal(
            "bench",
            "xterm-256color",
            InputStream.nullInputStream(),
            OutputStream.nullOutputStream(),
            StandardCharsets.UTF_8);
    terminal.setSize(new Size(160, 48));
    TerminalScreen screen = TerminalScreen.on(terminal);
    LiveView live = new LiveView(screen, "bench", STREAMS, true, System::nanoTime);
    if (view) {
      screen.enter(false);
      live.start();
    }
    long cpuBefore = processCpuNanos();
    List<Thread> streams = new ArrayList<>();
    for (int s = 1; s <= STREAMS; s++) {
      int draft = s;
      Thread thread =
          new Thread(
              () -> {
                long interval = 1_000_000_000L / TOKENS_PER_SECOND;
                long next = System.nanoTime();
                for (int t = 0; t < TOKENS_PER_SECOND * SECONDS; t++) {
                  if (view) {
                    live.onText(draft, t % 40 == 39 ? "river.\n\n" : "river ");
                  }
                  next += interval;
                  long wait = next - System.nanoTime();
                  if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                  }
                }
              });
      thread.start();
      streams.add(thread);
    }
    for (Thread thread : streams) {
      thread.join();
    }
    if (view) {
      live.close();
      screen.leave();
    }
    double cpu = (processCpuNanos() - cpuBefore) / 1e9;
    terminal.close();
    return cpu;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}

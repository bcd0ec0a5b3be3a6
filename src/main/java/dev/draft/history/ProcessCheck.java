package dev.draft.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Whether the process that wrote a run is gone, so its streaming drafts can never finish. */
final class ProcessCheck {
  // A process's start time is derived from the boot time and clock ticks, so it can be off by a
  // second or so; the real writer always started before it created its run.
  private static final Duration START_SLACK = Duration.ofSeconds(5);

  private ProcessCheck() {}

  /**
   * True only when the writer ran on this host and no process with its pid lives, or the one that
   * does started after the run was created (the pid was reused). Unknown pid or another host:
   * false, since nothing can be known from here.
   */
  static boolean isGone(Long pid, String host, Instant runCreatedAt) {
    if (pid == null || host == null || !host.equals(ThisHost.name())) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    Optional<Instant> started = process.get().info().startInstant();
    return started.isPresent()
        && runCreatedAt != null
        && started.get().isAfter(runCreatedAt.plus(START_SLACK));
  }
}

package dev.draft.session;

import dev.draft.client.ChatClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Where Ctrl-C (and SIGTERM) goes. While a generation runs it registers how to stop it, so the
 * first Ctrl-C stops the streams and the partial drafts are kept; with nothing registered the
 * process just exits. {@code Main} feeds it the real signal; tests call {@link #fire()}.
 *
 * <p>The signal handlers are installed when the first work is guarded or a screen opens ({@link
 * #install()}), not at start-up, which most commands never need: until then there is nothing to
 * stop, and the JVM's own handling exits 130 or 143 as well ({@code Main} flushes the output then).
 */
public final class Interrupts {
  private final AtomicReference<Scope> current = new AtomicReference<>();
  private final IntConsumer exit;
  private final Consumer<Interrupts> install;
  private final AtomicBoolean installed = new AtomicBoolean();

  /** The exit code of a process Ctrl-C (SIGINT) ended, as shells report it. */
  public static final int SIGINT_EXIT = 130;

  /** The exit code of a process SIGTERM ended, as shells report it. */
  public static final int SIGTERM_EXIT = 143;

  private volatile int exitCode = SIGINT_EXIT;

  /** Interrupts whose {@link #exit} does nothing (tests). */
  public Interrupts() {
    this(code -> {});
  }

  /**
   * @param exit what a Ctrl-C (or SIGTERM) with nothing to stop does, given the exit code: {@code
   *     Main} exits the process with it
   */
  public Interrupts(IntConsumer exit) {
    this(exit, self -> {});
  }

  /**
   * @param exit as for {@link #Interrupts(IntConsumer)}
   * @param install installs the signal handlers that call {@link #fire(int)} on the interrupts it
   *     is given; run once, before the first work is guarded
   */
  public Interrupts(IntConsumer exit, Consumer<Interrupts> install) {
    this.exit = exit;
    this.install = install;
  }

  /**
   * @param exit what a signal with nothing to stop does, whatever the exit code
   */
  public Interrupts(Runnable exit) {
    this(code -> exit.run());
  }

  /** Exits as a signal with nothing (more) to stop does; see {@link #Interrupts(IntConsumer)}. */
  public void exit() {
    exit.accept(exitCode);
  }

  /**
   * The exit code of a run a signal stopped: 130 for Ctrl-C (SIGINT), 143 for SIGTERM, as shells
   * report a process those signals end.
   */
  public int exitCode() {
    return exitCode;
  }

  /** A registration, closed when the guarded work ends. */
  public final class Scope implements AutoCloseable {
    private final Runnable stop;
    private final Runnable after;
    private final AtomicBoolean fired = new AtomicBoolean();
    // The scope open when this one opened: a signal stops it too, and it is current again after.
    private Scope outer;

    private Scope(Runnable stop, Runnable after) {
      this.stop = stop;
      this.after = after;
    }

    /** Whether Ctrl-C arrived while this scope was open. */
    public boolean fired() {
      return fired.get();
    }

    @Override
    public void close() {
      unlink(this);
      if (fired.get()) {
        after.run();
      }
    }
  }

  /** Routes Ctrl-C to {@code stop} until the returned scope is closed. */
  public Scope during(Runnable stop) {
    return open(new Scope(stop, () -> {}));
  }

  /**
   * Routes Ctrl-C to {@code client}'s {@link ChatClient#cancel()} until the returned scope is
   * closed; the client then takes requests again, so a Ctrl-C stops one generation, not the
   * session.
   */
  public Scope cancelling(ChatClient client) {
    return open(new Scope(client::cancel, client::resume));
  }

  /**
   * Installs the signal handlers now, if they are not yet: before a terminal screen opens, since
   * the screen saves the handlers it finds and puts them back when it closes.
   */
  public void install() {
    if (installed.compareAndSet(false, true)) {
      install.accept(this);
    }
  }

  private Scope open(Scope scope) {
    install();
    // A scope opened inside another (a judge's call within a batch) is nested in it, never
    // replaces it: a batch stays stoppable while one of its items is judged.
    synchronized (current) {
      scope.outer = current.getAndSet(scope);
    }
    return scope;
  }

  /**
   * Takes {@code scope} out of the chain wherever it is: the batch's workers open and close their
   * scopes in any order.
   */
  private void unlink(Scope scope) {
    synchronized (current) {
      if (current.get() == scope) {
        current.set(scope.outer);
        return;
      }
      for (Scope inner = current.get(); inner != null; inner = inner.outer) {
        if (inner.outer == scope) {
          inner.outer = scope.outer;
          return;
        }
      }
    }
  }

  /**
   * Delivers one Ctrl-C.
   *
   * @return false when nothing is registered (or it was already stopped): the caller should exit
   */
  public boolean fire() {
    return fire(SIGINT_EXIT);
  }

  /**
   * Delivers one signal that stops the run as Ctrl-C does, and that the run then exits with {@code
   * code} ({@link #SIGTERM_EXIT} for SIGTERM).
   *
   * @return false when nothing is registered (or it was already stopped): the caller should exit
   */
  public boolean fire(int code) {
    exitCode = code;
    List<Scope> open = new ArrayList<>();
    synchronized (current) {
      for (Scope scope = current.get(); scope != null; scope = scope.outer) {
        open.add(scope);
      }
    }
    boolean stopped = false;
    // The innermost scope first, then the ones it is nested in.
    for (Scope scope : open) {
      if (scope.fired.compareAndSet(false, true)) {
        scope.stop.run();
        stopped = true;
      }
    }
    return stopped;
  }
}

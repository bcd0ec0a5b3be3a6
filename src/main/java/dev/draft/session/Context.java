package dev.draft.session;

import dev.draft.client.CapabilityStore;
import dev.draft.client.ChatClient;
import dev.draft.client.EndpointSettings;
import dev.draft.client.openai.OpenAiChatClient;
import dev.draft.config.AppDirs;
import dev.draft.ui.Terminals;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What the commands get from the outside world: the writers, standard input, the environment, which
 * streams are terminals, and how to make a chat client. Tests build one with their own.
 */
public final class Context {
  /** Makes a chat client for resolved settings; tests inject one that does not sleep. */
  @FunctionalInterface
  public interface ClientFactory {
    ChatClient create(EndpointSettings settings, CapabilityStore capabilities);
  }

  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Map<String, String> env;
  private final Supplier<Terminals.Streams> terminals;
  private final ClientFactory clients;
  private final Clock clock;
  private final Interrupts interrupts;
  private final Path cwd;
  private final Random random;
  private final java.util.function.Supplier<dev.draft.ui.TerminalScreen> screens;

  private Context(Builder b) {
    this.out = b.out;
    this.err = b.err;
    this.in = b.in;
    this.env = Map.copyOf(b.env);
    this.terminals = b.terminals;
    this.clients = b.clients;
    this.clock = b.clock;
    this.interrupts = b.interrupts;
    this.cwd = b.cwd;
    this.random = b.random;
    this.screens = b.screens;
  }

  public static Builder builder(PrintWriter out, PrintWriter err) {
    return new Builder(out, err);
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public Map<String, String> env() {
    return env;
  }

  public boolean stdinTerminal() {
    return terminals.get().stdin();
  }

  public boolean stdoutTerminal() {
    return terminals.get().stdout();
  }

  public boolean stderrTerminal() {
    return terminals.get().stderr();
  }

  public Clock clock() {
    return clock;
  }

  public Interrupts interrupts() {
    return interrupts;
  }

  /** The working directory, where project templates ({@code .draft/prompts}) are looked up. */
  public Path cwd() {
    return cwd;
  }

  /** Where chance comes from (the judge's blind order); tests inject a seeded one. */
  public Random random() {
    return random;
  }

  /**
   * Opens the screen the live and pick views draw on: the real terminal in {@code Main}, a virtual
   * one in tests; null when there is none, and the views never open.
   */
  public java.util.function.Supplier<dev.draft.ui.TerminalScreen> screens() {
    return screens;
  }

  public AppDirs dirs() {
    return AppDirs.from(env);
  }

  public ClientFactory clients() {
    return clients;
  }

  /** Colour only on a terminal, and never with {@code NO_COLOR}. */
  public boolean colour() {
    return stderrTerminal() && colourAllowed();
  }

  /** Whether the user allows colour at all ({@code NO_COLOR} unset or empty). */
  public boolean colourAllowed() {
    String noColor = env.get("NO_COLOR");
    return noColor == null || noColor.isEmpty();
  }

  /** Builds a context; by default with no input, an empty environment and no terminals. */
  public static final class Builder {
    private final PrintWriter out;
    private final PrintWriter err;
    private InputStream in = InputStream.nullInputStream();
    private Map<String, String> env = Map.of();
    private Supplier<Terminals.Streams> terminals = () -> Terminals.Streams.NONE;
    private ClientFactory clients = OpenAiChatClient::new;
    private Clock clock = Clock.systemUTC();
    private Interrupts interrupts = new Interrupts();
    private Path cwd = Path.of("").toAbsolutePath();
    private Random random = new Random();
    private java.util.function.Supplier<dev.draft.ui.TerminalScreen> screens;

    private Builder(PrintWriter out, PrintWriter err) {
      this.out = out;
      this.err = err;
    }

    public Builder in(InputStream value) {
      this.in = value;
      return this;
    }

    public Builder env(Map<String, String> value) {
      this.env = value;
      return this;
    }

    public Builder terminals(boolean stdin, boolean stdout, boolean stderr) {
      Terminals.Streams streams = new Terminals.Streams(stdin, stdout, stderr);
      this.terminals = () -> streams;
      return this;
    }

    /**
     * Which streams are terminals, asked only when a command first needs to know (asking loads a
     * native library, which {@code --version} and {@code --help} never need), then remembered.
     */
    public Builder terminals(Supplier<Terminals.Streams> detect) {
      Terminals.Streams[] known = new Terminals.Streams[1];
      this.terminals =
          () -> {
            synchronized (known) {
              if (known[0] == null) {
                known[0] = detect.get();
              }
              return known[0];
            }
          };
      return this;
    }

    public Builder clients(ClientFactory value) {
      this.clients = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder interrupts(Interrupts value) {
      this.interrupts = value;
      return this;
    }

    public Builder cwd(Path value) {
      this.cwd = value;
      return this;
    }

    public Builder screens(java.util.function.Supplier<dev.draft.ui.TerminalScreen> value) {
      this.screens = value;
      return this;
    }

    public Builder random(Random value) {
      this.random = value;
      return this;
    }

    public Context build() {
      return new Context(this);
    }
  }
}

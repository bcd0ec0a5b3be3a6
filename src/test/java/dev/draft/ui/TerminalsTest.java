package dev.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class TerminalsTest {
  @TempDir Path temp;

  /**
   * Prints what {@link Terminals#standardStreams()} finds, or with {@code editor-tty} what {@link
   * Terminals#editorTty} gives with stdin and stdout redirected, for the tests that run it for
   * real.
   */
  public static final class Probe {
    public static void main(String[] args) {
      if (args.length > 0 && args[0].equals("editor-tty")) {
        System.out.println("editor tty: " + Terminals.editorTty(false, false));
        return;
      }
      Terminals.Streams streams = Terminals.standardStreams();
      System.out.println(
          "stdin="
              + streams.stdin()
              + " stdout="
              + streams.stdout()
              + " stderr="
              + streams.stderr());
    }
  }

  /** A provider that only answers which streams are terminals. */
  private static TerminalProvider answering(SystemStream... terminals) {
    List<SystemStream> yes = List.of(terminals);
    return new TerminalProvider() {
      @Override
      public String name() {
        return "fixed";
      }

      @Override
      public boolean isSystemStream(SystemStream stream) {
        return yes.contains(stream);
      }

      @Override
      public Terminal sysTerminal(
          String name,
          String type,
          boolean ansiPassThrough,
          Charset encoding,
          Charset stdinEncoding,
          Charset stdoutEncoding,
          boolean nativeSignals,
          Terminal.SignalHandler signalHandler,
          boolean paused,
          SystemStream systemStream) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Terminal newTerminal(
          String name,
          String type,
          InputStream masterInput,
          OutputStream masterOutput,
          Charset encoding,
          Charset stdinEncoding,
          Charset stdoutEncoding,
          Terminal.SignalHandler signalHandler,
          boolean paused,
          Attributes attributes,
          Size size) {
        throw new UnsupportedOperationException();
      }

      @Override
      public String systemStreamName(SystemStream stream) {
        return null;
      }

      @Override
      public int systemStreamWidth(SystemStream stream) {
        return 0;
      }
    };
  }

  @Test
  void eachStandardStreamIsAskedAboutOnItsOwn() {
    assertThat(Terminals.standardStreams(answering(SystemStream.Input)))
        .isEqualTo(new Terminals.Streams(true, false, false));
    assertThat(Terminals.standardStreams(answering(SystemStream.Output)))
        .isEqualTo(new Terminals.Streams(false, true, false));
    assertThat(Terminals.standardStreams(answering(SystemStream.Error)))
        .isEqualTo(new Terminals.Streams(false, false, true));
    assertThat(Terminals.standardStreams(answering(SystemStream.values())))
        .isEqualTo(new Terminals.Streams(true, true, true));
  }

  /** Runs {@code action} with the system properties set, then puts them back. */
  private static void withProperties(Map<String, String> values, Runnable action) {
    Map<String, String> before = new java.util.HashMap<>();
    values.keySet().forEach(key -> before.put(key, System.getProperty(key)));
    values.forEach(System::setProperty);
    try {
      action.run();
    } finally {
      before.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
  }

  @Test
  void theProviderJLineIsToldToUseIsTheOneAsked() {
    withProperties(
        Map.of(TerminalBuilder.PROP_PROVIDER, "exec"),
        () -> assertThat(Terminals.systemProvider().name()).isEqualTo("exec"));
  }

  @Test
  void providersTurnedOffOrMissingAreSkippedInJLinesOrder() {
    withProperties(
        Map.of(
            TerminalBuilder.PROP_PROVIDERS, "nosuch, jni,exec", TerminalBuilder.PROP_JNI, "false"),
        () -> assertThat(Terminals.systemProvider().name()).isEqualTo("exec"));
  }

  @Test
  void withNoProviderNoStreamIsATerminal() {
    withProperties(
        Map.of(TerminalBuilder.PROP_PROVIDERS, "nosuch"),
        () -> {
          assertThat(Terminals.systemProvider()).isNull();
          assertThat(Terminals.standardStreams()).isEqualTo(Terminals.Streams.NONE);
        });
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The command line that runs {@link Probe} in a fresh JVM. */
  private static List<String> probe(String... args) {
    String classPath =
        String.join(
            File.pathSeparator,
            location(Terminals.class),
            location(Probe.class),
            location(TerminalProvider.class));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // As the jar's manifest does (Enable-Native-Access): no restricted-method warning on Java 22+.
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(List.of("-cp", classPath, Probe.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  private static String run(ProcessBuilder builder, Consumer<Process> whileRunning)
      throws Exception {
    Process process = builder.start();
    whileRunning.accept(process);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void pipesFilesAndDevNullAreNotTerminals() throws Exception {
    File devNull = new File("/dev/null");
    Path out = temp.resolve("out.txt");
    Path err = temp.resolve("err.txt");
    // stdin a pipe, stdout a file, stderr /dev/null
    run(
        new ProcessBuilder(probe())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.to(devNull)),
        process -> close(process.getOutputStream()));
    assertThat(Files.readString(out)).isEqualTo("stdin=false stdout=false stderr=false\n");
    // stdin /dev/null, stdout a pipe, stderr a file
    String piped =
        run(
            new ProcessBuilder(probe())
                .redirectInput(devNull)
                .redirectError(ProcessBuilder.Redirect.to(err.toFile())),
            process -> {});
    assertThat(piped).isEqualTo("stdin=false stdout=false stderr=false\n");
  }

  private static void close(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String quoted(List<String> words) {
    List<String> quoted = new ArrayList<>();
    for (String word : words) {
      quoted.add("'" + word.replace("'", "'\\''") + "'");
    }
    return String.join(" ", quoted);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aPseudoTerminalIsATerminalStreamByStream() throws Exception {
    Path script = Path.of("/usr/bin/script");
    Assumptions.assumeTrue(Files.isExecutable(script), "util-linux 'script' gives the pty");
    Path file = temp.resolve("redirected.txt");
    String probe = quoted(probe());
    // Four runs in one pseudo-terminal: all on it; stdin and stdout away from it; stderr away;
    // and the editor's device with stdin and stdout away.
    String command =
        probe
            + "; "
            + probe
            + " < /dev/null > '"
            + file
            + "'; "
            + probe
            + " 2> /dev/null; "
            + quoted(probe("editor-tty"))
            + " < /dev/null";
    ProcessBuilder builder =
        new ProcessBuilder(List.of(script.toString(), "-qfec", command, "/dev/null"))
            .redirectErrorStream(true);
    // script's stdin stays open until the runs end: at its end script would end the session.
    String shown = run(builder, process -> {});
    assertThat(shown.replace("\r", "").lines())
        .containsExactly(
            "stdin=true stdout=true stderr=true",
            "stdin=true stdout=true stderr=false",
            "editor tty: /dev/tty");
    assertThat(Files.readString(file)).isEqualTo("stdin=false stdout=false stderr=true\n");
  }

  @Test
  void theEditorGetsNoDeviceWhenStdinAndStdoutAreTheTerminal() throws IOException {
    File device = Files.createFile(temp.resolve("tty")).toFile();
    assertThat(Terminals.editorTty(true, true, device)).isNull();
  }

  @Test
  void theEditorGetsTheDeviceWhenStdinOrStdoutIsRedirected() throws IOException {
    File device = Files.createFile(temp.resolve("tty")).toFile();
    assertThat(Terminals.editorTty(false, true, device)).isEqualTo(device);
    assertThat(Terminals.editorTty(true, false, device)).isEqualTo(device);
    assertThat(Terminals.editorTty(false, false, device)).isEqualTo(device);
  }

  @Test
  void theEditorGetsNoDeviceThatCannotBeOpened() {
    File missing = temp.resolve("no-such-tty").toFile();
    assertThat(Terminals.editorTty(false, false, missing)).isNull();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void withoutAControllingTerminalTheEditorGetsNoDevice() throws Exception {
    Path setsid = Path.of("/usr/bin/setsid");
    Assumptions.assumeTrue(Files.isExecutable(setsid), "util-linux 'setsid' drops the terminal");
    // A new session has no controlling terminal: /dev/tty is there but does not open (ENXIO).
    List<String> command = new ArrayList<>(List.of(setsid.toString(), "--wait"));
    command.addAll(probe("editor-tty"));
    String shown = run(new ProcessBuilder(command), process -> close(process.getOutputStream()));
    assertThat(shown).isEqualTo("editor tty: null\n");
  }
}

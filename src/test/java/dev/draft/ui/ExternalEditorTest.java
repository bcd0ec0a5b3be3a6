package dev.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ExternalEditorTest {
  @TempDir Path temp;

  private static List<String> words(Map<String, String> env) {
    return new ExternalEditor(env).command().words();
  }

  private Path executable(String name) throws IOException {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  @Test
  void visualWinsOverEditor() {
    assertThat(words(Map.of("VISUAL", "code --wait", "EDITOR", "nano")))
        .containsExactly("code", "--wait");
  }

  @Test
  void editorIsUsedWhenVisualIsUnsetOrEmpty() {
    assertThat(words(Map.of("EDITOR", "nano -w"))).containsExactly("nano", "-w");
    assertThat(words(Map.of("VISUAL", " ", "EDITOR", "nano"))).containsExactly("nano");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void withNeitherTheFirstOfViAndNanoOnPathIsUsed() throws IOException {
    Path nano = executable("nano");

    ExternalEditor.Command command =
        new ExternalEditor(Map.of("PATH", nano.getParent().toString())).command();

    assertThat(command.words()).containsExactly("nano");
    assertThat(command.origin()).isEqualTo("PATH");
  }

  @Test
  void noEditorAnywhereSaysWhatToSet() {
    assertThatThrownBy(() -> new ExternalEditor(Map.of("PATH", temp.toString())).command())
        .isInstanceOf(EditorException.class)
        .hasMessageContaining("$VISUAL and $EDITOR are not set")
        .hasMessageContaining("export EDITOR=nano");
  }

  @Test
  void quotesKeepSpacesInAWord() {
    assertThat(ExternalEditor.split("\"/opt/My Editor/bin/ed\" -w", "$VISUAL"))
        .containsExactly("/opt/My Editor/bin/ed", "-w");
    assertThat(ExternalEditor.split("'/opt/it''s here/ed'  --a=\"b c\"", "$VISUAL"))
        .containsExactly("/opt/its here/ed", "--a=b c");
    assertThat(ExternalEditor.split("ed \"say \\\"hi\\\"\" my\\ file $HOME", "$VISUAL"))
        .containsExactly("ed", "say \"hi\"", "my file", "$HOME");
  }

  @Test
  void anUnclosedQuoteNamesTheVariable() {
    assertThatThrownBy(() -> words(Map.of("EDITOR", "'/opt/ed -w")))
        .isInstanceOf(EditorException.class)
        .hasMessage("$EDITOR has an unclosed single quote: '/opt/ed -w");
  }

  @Test
  void aMissingProgramNamesTheVariable() {
    Path file = temp.resolve("t.md");

    assertThatThrownBy(() -> new ExternalEditor(Map.of("VISUAL", "/nowhere/ed --wait")).edit(file))
        .isInstanceOf(EditorException.class)
        .hasMessageStartingWith("the editor '/nowhere/ed' from $VISUAL does not exist")
        .hasMessageContaining("set $VISUAL or $EDITOR");
    assertThatThrownBy(
            () ->
                new ExternalEditor(Map.of("EDITOR", "no-such-editor", "PATH", temp.toString()))
                    .edit(file))
        .isInstanceOf(EditorException.class)
        .hasMessageStartingWith("the editor 'no-such-editor' from $EDITOR is not on PATH");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theEditorRunsWithoutAShellAndItsExitCodeIsReturned() throws IOException {
    FakeEditor editor = FakeEditor.write(temp, "edited", 3);
    Path file = Files.writeString(temp.resolve("my notes.md"), "first\n");

    // A shell would run "touch" after the ';' and expand $HOME; no shell passes them on as text.
    int exit =
        new ExternalEditor(Map.of("VISUAL", editor.command("--wait;touch $HOME"))).edit(file);

    assertThat(exit).isEqualTo(3);
    assertThat(editor.arguments()).containsExactly("--wait;touch", "$HOME", file.toString());
    assertThat(Files.readString(file)).isEqualTo("first\nedited\n");
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void onTheTerminalTheEditorReadsAndWritesTheTerminalNotDraftsOwnStreams() throws IOException {
    // A file stands in for /dev/tty: what the editor prints must land there, not on stdout.
    Path tty = Files.writeString(temp.resolve("tty"), "");
    Path script = Files.createDirectories(temp.resolve("ed")).resolve("ed");
    Files.writeString(script, "#!/bin/sh\necho drawn-on-the-terminal\necho more >> \"$1\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Path file = Files.writeString(temp.resolve("draft.md"), "text\n");

    int exit = new ExternalEditor(Map.of("VISUAL", script.toString())).edit(file, tty.toFile());

    assertThat(exit).isZero();
    assertThat(Files.readString(tty)).isEqualTo("drawn-on-the-terminal\n");
    assertThat(Files.readString(file)).isEqualTo("text\nmore\n");
  }
}

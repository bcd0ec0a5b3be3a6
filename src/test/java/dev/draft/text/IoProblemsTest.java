package dev.draft.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** File errors in plain words with a fix, never a class name (issue 9, point 7). */
class IoProblemsTest {
  @Test
  void aFullDiskSaysSoAndWhatToDo() {
    assertThat(
            IoProblems.reason(new FileSystemException("/h/a.md", null, "No space left on device")))
        .isEqualTo("the disk is full: free some space and try again");
  }

  @Test
  void aDirectoryWhereAFileShouldBe() {
    assertThat(IoProblems.reason(new FileSystemException("/h/out", null, "Is a directory")))
        .isEqualTo("it is a directory");
  }

  @Test
  void commonExceptionsAreWords() {
    assertThat(IoProblems.reason(new NoSuchFileException("/h/x"))).isEqualTo("/h/x does not exist");
    assertThat(IoProblems.reason(new AccessDeniedException("/h/x")))
        .isEqualTo("permission denied: check the permissions of /h/x");
    assertThat(IoProblems.reason(new FileAlreadyExistsException("/h/plain")))
        .isEqualTo("/h/plain already exists and is a file, not a directory");
    assertThat(IoProblems.reason(new NotDirectoryException("/h/plain")))
        .isEqualTo("/h/plain is a file, not a directory");
    assertThat(IoProblems.reason(new FileSystemException("/h/x", null, "Read-only file system")))
        .isEqualTo("the file system is read-only");
  }

  @Test
  void noClassNameSurvives() {
    assertThat(IoProblems.reason(new IOException("java.nio.file.FileSystemException: /x: boom")))
        .isEqualTo("/x: boom");
    assertThat(IoProblems.reason(new IOException((String) null)))
        .isEqualTo("an input/output error");
  }
}

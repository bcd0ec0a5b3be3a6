package dev.draft.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The one place that turns a failed file operation into plain words for an error line: what went
 * wrong with which file, and what to do about it, never a Java class name ({@code
 * java.nio.file.FileSystemException}, {@code IOException}).
 */
public final class IoProblems {
  private IoProblems() {}

  /**
   * What went wrong, in words, with the fix when there is an obvious one: {@code it is a
   * directory}, {@code the disk is full: free some space}, {@code permission denied: check the
   * permissions of /x}.
   */
  public static String reason(IOException e) {
    String file = e instanceof FileSystemException fs ? fs.getFile() : null;
    String other = e instanceof FileSystemException fs ? fs.getOtherFile() : null;
    if (e instanceof NoSuchFileException) {
      return file == null ? "it does not exist" : file + " does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied" + (file == null ? "" : ": check the permissions of " + file);
    }
    if (e instanceof FileAlreadyExistsException) {
      // createDirectories finds a file where a directory has to be.
      return (file == null ? "it" : file) + " already exists and is a file, not a directory";
    }
    if (e instanceof NotDirectoryException) {
      return (file == null ? "it" : file) + " is a file, not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return (file == null ? "it" : file) + " is a directory that is not empty";
    }
    String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    if (reason == null || reason.isBlank()) {
      return "an input/output error" + (file == null ? "" : " on " + file);
    }
    String lower = reason.toLowerCase(Locale.ROOT);
    if (lower.contains("no space left")) {
      return "the disk is full: free some space and try again";
    }
    if (lower.contains("disk quota")) {
      return "the disk quota is used up: free some space and try again";
    }
    if (lower.contains("is a directory")) {
      return "it is a directory";
    }
    if (lower.contains("not a directory")) {
      return "part of the path " + (file == null ? "" : file + " ") + "is a file, not a directory";
    }
    if (lower.contains("read-only file system")) {
      return "the file system is read-only";
    }
    if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
      return "permission denied" + (file == null ? "" : ": check the permissions of " + file);
    }
    if (lower.contains("file name too long")) {
      return "the file name is too long";
    }
    if (e instanceof FileSystemException) {
      return lower + (other == null ? "" : " (" + other + ")");
    }
    return withoutClassNames(reason);
  }

  /** {@link #reason(IOException)} of the cause. */
  public static String reason(UncheckedIOException e) {
    return reason(e.getCause());
  }

  /**
   * {@code text} without Java class names such as {@code java.io.IOException: }, which some
   * libraries put at the start of their messages.
   */
  public static String withoutClassNames(String text) {
    return text.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*(?:Exception|Error): ?", "")
        .strip();
  }
}

package dev.draft.config;

import dev.draft.text.IoProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes draft's config file. */
public final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * Writes the {@link StarterConfig} to {@link AppDirs#configFile()}, creating its directory.
   *
   * @param force replace an existing file instead of refusing
   * @return the file written
   * @throws ConfigException when the file exists and {@code force} is false, or cannot be written
   */
  public static Path init(AppDirs dirs, boolean force) {
    Path file = dirs.configFile();
    // CREATE_NEW makes the existence check and the write one step, so nothing is clobbered.
    OpenOption[] options =
        force
            ? new OpenOption[] {
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE
            }
            : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, StarterConfig.text(), StandardCharsets.UTF_8, options);
    } catch (FileAlreadyExistsException exists) {
      throw new ConfigException(
          file
              + " already exists; edit it, or run 'draft config init --force' to replace it with"
              + " the starter",
          exists);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot write "
              + file
              + ": "
              + IoProblems.reason(e)
              + "; fix that, or set DRAFT_HOME to a directory you can write",
          e);
    }
    return file;
  }
}

package dev.draft.history;

import dev.draft.text.Moves;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, unpacked once into draft's cache directory and loaded from there.
 * Left to itself the driver copies the library (a megabyte) out of the jar into the temporary
 * folder under a new name on every start, checks it, and deletes it at exit. Here the copy is kept
 * under the driver's version and platform, so later starts only load it. Anything that goes wrong
 * (a cache that cannot be written, a platform the jar has no library for) leaves the driver to do
 * as it always did; {@code -Dorg.sqlite.lib.path} given by hand wins.
 */
public final class NativeSqlite {
  private static final String PATH = "org.sqlite.lib.path";
  private static final String NAME = "org.sqlite.lib.name";
  private static volatile Path cacheDir;
  private static boolean prepared;

  private NativeSqlite() {}

  /** Keeps the library in {@code dir} (draft's cache directory) from the first database on. */
  public static void cacheIn(Path dir) {
    cacheDir = dir;
  }

  /** Unpacks the library into the cache if it is not there yet, and points the driver at it. */
  static synchronized void prepare() {
    Path dir = cacheDir;
    if (prepared || dir == null || System.getProperty(PATH) != null) {
      return;
    }
    prepared = true;
    try {
      String resource = LibraryLoaderUtil.getNativeLibResourcePath(); // /org/sqlite/native/OS/ARCH
      String name = LibraryLoaderUtil.getNativeLibName();
      URL url = SQLiteJDBCLoader.class.getResource(resource + "/" + name);
      if (url == null) {
        return;
      }
      String platform = resource.substring(resource.lastIndexOf("/native/") + "/native/".length());
      Path folder =
          dir.resolve("native")
              .resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
              .resolve(platform.replace('/', '-'));
      Path library = folder.resolve(name);
      URLConnection connection = url.openConnection();
      long size = connection.getContentLengthLong();
      if (!Files.isRegularFile(library) || (size >= 0 && Files.size(library) != size)) {
        unpack(connection, folder, library);
      }
      System.setProperty(PATH, folder.toString());
      System.setProperty(NAME, name);
    } catch (IOException | RuntimeException e) {
      // The driver unpacks it into the temporary folder, as it does without a cache.
    }
  }

  /** Copies the library next to its place, then moves it there: it is whole or not there. */
  private static void unpack(URLConnection connection, Path folder, Path library)
      throws IOException {
    Files.createDirectories(folder);
    Path part = Files.createTempFile(folder, library.getFileName().toString(), ".part");
    try {
      try (InputStream in = connection.getInputStream()) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      Moves.replace(part, library);
    } finally {
      Files.deleteIfExists(part);
    }
  }
}
